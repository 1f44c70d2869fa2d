import type { DatePoint, EventDate } from './types.js';

/**
 * Calendar arithmetic and labels shared by the date readers. Days are UTC dates: an article's `published` is a
 * calendar day, not an instant, so no time zone may move it.
 */

/** The article's `meta.published`, as precise as it is written: `2024`, `2024-08` or `2024-08-23`. */
export interface Published {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

/** Reads `2024`, `2024-08` or `2024-08-23` (the loader has already checked the shape). */
export function readPublished(published: string | undefined): Published | undefined {
  if (published === undefined) return undefined;
  const [year, month, day] = published.split('-').map(Number);
  if (year === undefined || !Number.isInteger(year)) return undefined;
  if (month === undefined || !Number.isInteger(month)) return { year };
  return day !== undefined && Number.isInteger(day) ? { year, month, day } : { year, month };
}

export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function addDays(day: Day, days: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 for Sunday … 6 for Saturday. */
export function weekdayOf(day: Day): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

/** The month `offset` months from `year`-`month`. */
export function addMonths(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function dayPoint(day: Day): DatePoint {
  return { ...day, precision: 'day' };
}

/** `1990s`, `2016`, `2022-02`, `2024-08-23`. */
export function labelPoint(point: DatePoint): string {
  const pad = (n: number | undefined): string => String(n ?? 1).padStart(2, '0');
  if (point.precision === 'decade') return `${point.year}s`;
  if (point.precision === 'year') return String(point.year);
  if (point.precision === 'month') return `${point.year}-${pad(point.month)}`;
  return `${point.year}-${pad(point.month)}-${pad(point.day)}`;
}

/** A date with its label; `resolvedFrom` says the calendar date was worked out from the publication date. */
export function makeDate(
  start: DatePoint,
  end: DatePoint | undefined,
  inferred: boolean,
  resolvedFrom?: EventDate['resolvedFrom'],
): EventDate {
  const label = end ? `${labelPoint(start)}/${labelPoint(end)}` : labelPoint(start);
  return { ...start, ...(end ? { end } : {}), inferred, ...(resolvedFrom ? { resolvedFrom } : {}), label };
}

/**
 * Orders points by year, then month, then day, an unstated part counting as before every stated one: the year
 * 2023 sorts before March 2023, which sorts before 2023-03-05 (and the 2020s before 2020).
 */
export function compareKeys(a: DatePoint, b: DatePoint): number {
  return (
    a.year - b.year ||
    (a.precision === 'decade' ? -1 : 0) - (b.precision === 'decade' ? -1 : 0) ||
    (a.month ?? 0) - (b.month ?? 0) ||
    (a.day ?? 0) - (b.day ?? 0)
  );
}
