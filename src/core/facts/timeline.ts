import { compareKeys } from './calendar.js';
import { entityMatcher } from './entities.js';
import type { DateBound, DatePoint, TimelineEvent } from './types.js';

/**
 * Chronological order. Within a year, an event dated only by the year comes before its months and days (it
 * reads as the year's heading: "In 2023 …" then "In March 2023 …"); a month likewise precedes its days. Events
 * with the same date keep article order: article slug, then paragraph, then offset. Does not change its input.
 */
export function sortEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort(compareEvents);
}

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return (
    compareKeys(a.date, b.date) ||
    (a.articleSlug < b.articleSlug ? -1 : a.articleSlug > b.articleSlug ? 1 : 0) ||
    a.paragraph - b.paragraph ||
    a.start - b.start
  );
}

export interface EventFilter {
  /** Keep events that end on or after this bound (a span that overlaps it counts). */
  readonly from?: DateBound;
  /** Keep events that start on or before this bound (the whole of its month or year is included). */
  readonly to?: DateBound;
  /** Words the event must mention, as whole words, ignoring case and diacritics: "Xi" finds "Xi Jinping", not "Xinjiang". */
  readonly about?: string;
  /** Slug of the one article to keep. */
  readonly article?: string;
}

/** The events that match every given condition, in the order given. */
export function filterEvents(events: readonly TimelineEvent[], filter: EventFilter): TimelineEvent[] {
  const mentions = filter.about === undefined ? undefined : entityMatcher(filter.about);
  return events.filter(
    (event) =>
      (filter.article === undefined || event.articleSlug === filter.article) &&
      (filter.from === undefined ||
        dayNumber(lastDayOf(event.date.end ?? event.date)) >= dayNumber(firstDayOf(filter.from))) &&
      (filter.to === undefined || dayNumber(firstDayOf(event.date)) <= dayNumber(lastDayOf(filter.to))) &&
      (mentions === undefined || mentions(event.text) || mentions(event.sentence)),
  );
}

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function firstDayOf(point: DatePoint): Day {
  return { year: point.year, month: point.month ?? 1, day: point.day ?? 1 };
}

function lastDayOf(point: DatePoint): Day {
  if (point.precision === 'decade') return { year: point.year + 9, month: 12, day: 31 };
  const month = point.month ?? 12;
  const day = point.day ?? new Date(Date.UTC(point.year, month, 0)).getUTCDate();
  return { year: point.year, month, day };
}

function dayNumber({ year, month, day }: Day): number {
  return year * 10_000 + month * 100 + day;
}
