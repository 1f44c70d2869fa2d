import { casual } from 'chrono-node/en';
import { labelPoint } from './dates.js';
import type { DateBound, DatePoint } from './types.js';

/** Why a `from`/`to` option cannot be read; the messages module words it for the person. */
export type DateBoundError =
  | { readonly code: 'empty' }
  | { readonly code: 'unreadable' | 'no-year' | 'range' | 'relative' | 'ambiguous'; readonly text: string };

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
 * Returns why instead when the text is not one calendar date with a year; never throws.
 */
export function parseDateBound(text: string): DateBound | { error: DateBoundError } {
  const input = text.trim().slice(0, MAX_INPUT_LENGTH + 1);
  if (input === '') return { error: { code: 'empty' } };
  if (input.length > MAX_INPUT_LENGTH)
    return { error: { code: 'unreadable', text: `${input.slice(0, MAX_INPUT_LENGTH)}…` } };
  if (YEAR_ONLY.test(input)) return makeBound({ year: Number(input), precision: 'year' });

  const isYearMonth = YEAR_MONTH.test(input);
  const results = casual.parse(isYearMonth ? `${input}-01` : input, REFERENCE);
  const [result] = results;
  const covered =
    result !== undefined &&
    results.length === 1 &&
    result.index === 0 &&
    result.text.length === (isYearMonth ? input.length + 3 : input.length);
  if (!result || !covered) return { error: { code: 'unreadable', text: input } };
  if ([...result.tags()].some((tag) => RELATIVE_TAG.test(tag))) return { error: { code: 'relative', text: input } };
  if (result.end) return { error: { code: 'range', text: input } };
  if (!result.start.isCertain('month')) return { error: { code: 'unreadable', text: input } };
  if (!result.start.isCertain('year')) return { error: { code: 'no-year', text: input } };

  const year = result.start.get('year') ?? 0;
  const month = result.start.get('month') ?? 1;
  const day = result.start.get('day') ?? 1;
  if (isYearMonth && (year !== Number(input.slice(0, 4)) || month !== Number(input.slice(5, 7))))
    return { error: { code: 'unreadable', text: input } };
  if (NUMERIC_DAY_MONTH.test(input) && day <= 12 && month <= 12 && day !== month)
    return { error: { code: 'ambiguous', text: input } };
  if (isYearMonth || !result.start.isCertain('day')) return makeBound({ year, month, precision: 'month' });
  return makeBound({ year, month, day, precision: 'day' });
}

function makeBound(point: DatePoint): DateBound {
  return { ...point, label: labelPoint(point) };
}
