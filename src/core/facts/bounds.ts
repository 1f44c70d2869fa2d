import { casual } from 'chrono-node/en';
import { labelPoint } from './dates.js';
import type { DateBound, DatePoint } from './types.js';

/** What a person is told when a `from`/`to` option cannot be read; shown as is. */
export const DATE_BOUND_ERRORS = Object.freeze({
  empty: 'Give a date: a year (2020), a month (2020-05 or February 2022) or a day (2022-02-24 or 24 Feb 2022).',
  unreadable: (text: string) =>
    `"${text}" is not a date I can read. Try 2020, 2020-05, February 2022, 2022-02-24 or 24 Feb 2022.`,
  noYear: (text: string) => `"${text}" has no year. Add one, e.g. "${text} 2022".`,
  range: (text: string) => `"${text}" is a range; give its first day in "from" and its last in "to".`,
  relative: (text: string) =>
    `"${text}" is relative to today; give a calendar date instead, e.g. 2024-08 or August 2024.`,
  ambiguous: (text: string) => `"${text}" could be day/month or month/day; write it as 2022-02-24 or 24 Feb 2022.`,
});

const MAX_INPUT_LENGTH = 40;
/** Bare years are read by rule: chrono reads "2020" as nothing (or, in longer text, as a time of day). */
const YEAR_ONLY = /^\d{4}$/;
/** chrono reads `2022-02-24` but not `2020-05`; the month form is completed to its first day, then marked month. */
const YEAR_MONTH = /^\d{4}-\d{2}$/;
/** `05/06/2010` or `05.06.2010`: the order of day and month depends on the country. */
const NUMERIC_DAY_MONTH = /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/;
const RELATIVE_TAG = /relative|casual/i;
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/**
 * Reads a `from`/`to` bound as typed: `2020`, `2020-05`, `2022-02-24`, `February 2022`, `24 Feb 2022`.
 * Returns a message to show instead when the text is not one calendar date with a year; never throws.
 */
export function parseDateBound(text: string): DateBound | { error: string } {
  const input = text.trim().slice(0, MAX_INPUT_LENGTH + 1);
  if (input === '') return { error: DATE_BOUND_ERRORS.empty };
  if (input.length > MAX_INPUT_LENGTH)
    return { error: DATE_BOUND_ERRORS.unreadable(`${input.slice(0, MAX_INPUT_LENGTH)}…`) };
  if (YEAR_ONLY.test(input)) return makeBound({ year: Number(input), precision: 'year' });

  const isYearMonth = YEAR_MONTH.test(input);
  const results = casual.parse(isYearMonth ? `${input}-01` : input, REFERENCE);
  const [result] = results;
  const covered =
    result !== undefined &&
    results.length === 1 &&
    result.index === 0 &&
    result.text.length === (isYearMonth ? input.length + 3 : input.length);
  if (!result || !covered) return { error: DATE_BOUND_ERRORS.unreadable(input) };
  if ([...result.tags()].some((tag) => RELATIVE_TAG.test(tag))) return { error: DATE_BOUND_ERRORS.relative(input) };
  if (result.end) return { error: DATE_BOUND_ERRORS.range(input) };
  if (!result.start.isCertain('month')) return { error: DATE_BOUND_ERRORS.unreadable(input) };
  if (!result.start.isCertain('year')) return { error: DATE_BOUND_ERRORS.noYear(input) };

  const year = result.start.get('year') ?? 0;
  const month = result.start.get('month') ?? 1;
  const day = result.start.get('day') ?? 1;
  if (isYearMonth && (year !== Number(input.slice(0, 4)) || month !== Number(input.slice(5, 7))))
    return { error: DATE_BOUND_ERRORS.unreadable(input) };
  if (NUMERIC_DAY_MONTH.test(input) && day <= 12 && month <= 12 && day !== month)
    return { error: DATE_BOUND_ERRORS.ambiguous(input) };
  if (isYearMonth || !result.start.isCertain('day')) return makeBound({ year, month, precision: 'month' });
  return makeBound({ year, month, day, precision: 'day' });
}

function makeBound(point: DatePoint): DateBound {
  return { ...point, label: labelPoint(point) };
}
