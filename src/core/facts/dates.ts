import { casual } from 'chrono-node/en';
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import type { DatePoint, DatePrecision, EventDate } from './types.js';

/**
 * Finds the dates a passage states, with their offsets. chrono-node reads every date that names a month
 * ("February 2022", "on 31 March 1956", "July 4th", "from March to May 2021"); it reads no bare year, so a small
 * rule below adds "in 2016", "between 2020 and 2024" and "the 2020 election". Relative phrases ("recently",
 * "this year", "in 30 years", "last March") are left out: the article does not fix them to a calendar date.
 */

/** A date as it appears in a passage: `text.slice(start, end)` is the words that state it. */
export interface DateMention {
  readonly start: number;
  readonly end: number;
  readonly date: EventDate;
}

/** The article's `meta.published`, which dates "on August 23" when the article prints no year. */
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

/**
 * The year of a date printed without one. An article reports what has happened, so the date is placed on or
 * before publication: "August 23" in an article of 2024-08 is 2024-08-23, "December 5" in the same article is
 * 2023-12-05. Compared only as precisely as `published` is written.
 */
function inferYear(components: ParsedComponents, published: Published): number {
  const month = components.get('month') ?? 1;
  const day = components.isCertain('day') ? (components.get('day') ?? 1) : undefined;
  if (published.month === undefined) return published.year;
  const later =
    month > published.month ||
    (month === published.month && published.day !== undefined && day !== undefined && day > published.day);
  return later ? published.year - 1 : published.year;
}

/** Fixed so that chrono's own guesses never depend on the clock; every year it guesses is replaced below. */
const CHRONO_REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** Every date stated in `text`, in reading order; where chrono and the year rule overlap, chrono's reading wins. */
export function findDateMentions(text: string, published: Published | undefined): DateMention[] {
  const candidates = findChronoCandidates(text);
  const years = findYearMentions(text).filter((y) => !candidates.some((c) => overlaps(c, y)));
  const ordered: (DateMention | ChronoCandidate)[] = [...years, ...candidates].sort((a, b) => a.start - b.start);
  const mentions: DateMention[] = [];
  // In reading order, so that "December of that year" can look back at the dates before it.
  for (const item of ordered) {
    const mention = 'result' in item ? resolveCandidate(item, mentions, published) : item;
    if (mention) mentions.push(mention);
  }
  return mentions;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

// ---------------------------------------------------------------------------------------------------------------
// chrono-node

interface ChronoCandidate {
  readonly start: number;
  readonly end: number;
  readonly result: ParsedResult;
  /** "in December of that year": the year is the one the passage named last. */
  readonly anaphoricYear: boolean;
}

/** chrono's casual parser also reads "last year", "in 30 years", "yesterday"; those carry these tags. */
const RELATIVE_TAG = /relative|casual/i;
/** chrono reads "an august body" and "protesters march" as months; an article capitalises a month it means. */
const LOWERCASE_MONTH = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/;
/** "last March", "next May": relative to a day the article does not state. */
const RELATIVE_BEFORE = /\b(?:last|next|this|coming|past|previous|following|preceding|every|each)\s+$/i;
/** "December of that year", "May the same year". */
const THAT_YEAR_AFTER = /^,?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b/i;

function findChronoCandidates(text: string): ChronoCandidate[] {
  const candidates: ChronoCandidate[] = [];
  for (const result of casual.parse(text, CHRONO_REFERENCE)) {
    if (!isCalendarDate(result, text)) continue;
    // chrono sometimes swallows the "of" of "December of that year" while looking for a year.
    const core = result.text.replace(/\s+of$/i, '');
    const start = result.index;
    const anaphora = THAT_YEAR_AFTER.exec(text.slice(start + core.length));
    const anaphoricYear = anaphora !== null && !result.start.isCertain('year');
    const end = start + core.length + (anaphoricYear && anaphora ? anaphora[0].length : 0);
    candidates.push({ start, end, result, anaphoricYear });
  }
  return candidates;
}

/** A stated calendar date: names a month, is not relative, and is not an ambiguous `05/06/2010`. */
function isCalendarDate(result: ParsedResult, text: string): boolean {
  const tags = [...result.tags()];
  if (tags.some((tag) => RELATIVE_TAG.test(tag))) return false;
  if (!result.start.isCertain('month')) return false;
  if (LOWERCASE_MONTH.test(result.text)) return false;
  if (!result.start.isCertain('year') && RELATIVE_BEFORE.test(text.slice(0, result.index))) return false;
  return !isAmbiguousNumericDate(result, tags);
}

/** `05/06/2010` is May 6 in the US and 5 June elsewhere: leave it out rather than guess. */
function isAmbiguousNumericDate(result: ParsedResult, tags: readonly string[]): boolean {
  if (!tags.some((tag) => tag.includes('SlashDateFormat'))) return false;
  const day = result.start.get('day') ?? 0;
  const month = result.start.get('month') ?? 0;
  return day <= 12 && month <= 12 && day !== month;
}

/** Gives a chrono date its year: printed, taken from the end of its range, from "that year", or from `published`. */
function resolveCandidate(
  candidate: ChronoCandidate,
  before: readonly DateMention[],
  published: Published | undefined,
): DateMention | undefined {
  const { result } = candidate;
  const yearPrinted = result.start.isCertain('year') || (result.end?.isCertain('year') ?? false);
  let year: number | undefined;
  let inferred = false;
  if (yearPrinted) year = result.start.get('year') ?? undefined;
  else if (candidate.anaphoricYear) year = lastStatedYear(before);
  else if (published) {
    year = inferYear(result.start, published);
    inferred = true;
  }
  if (year === undefined) return undefined;

  const start = pointOf(result.start, year);
  const end = result.end ? endPointOf(result.end, start, yearPrinted) : undefined;
  const date = makeDate(start, end && compareKeys(end, start) > 0 ? end : undefined, inferred);
  return { start: candidate.start, end: candidate.end, date };
}

/** The year of the last single date the passage stated before: what "that year" refers to. */
function lastStatedYear(before: readonly DateMention[]): number | undefined {
  const last = before.at(-1);
  if (!last || last.date.inferred || last.date.end) return undefined;
  return last.date.year;
}

function precisionOf(components: ParsedComponents): DatePrecision {
  if (components.isCertain('day') && components.isCertain('month')) return 'day';
  return components.isCertain('month') ? 'month' : 'year';
}

function pointOf(components: ParsedComponents, year: number): DatePoint {
  const precision = precisionOf(components);
  const month = components.get('month') ?? 1;
  const day = components.get('day') ?? 1;
  if (precision === 'year') return { year, precision };
  if (precision === 'month') return { year, month, precision };
  return { year, month, day, precision };
}

/** The end of a range; without a printed year it takes the start's, or the next when it would end before it. */
function endPointOf(components: ParsedComponents, start: DatePoint, yearPrinted: boolean): DatePoint {
  if (yearPrinted && components.isCertain('year')) return pointOf(components, components.get('year') ?? start.year);
  const sameYear = pointOf(components, start.year);
  return compareKeys(sameYear, start) >= 0 ? sameYear : pointOf(components, start.year + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Bare years, which chrono does not read

/**
 * A 4-digit year 1900–2099 not glued to a letter, digit, currency sign or decimal point, and not the start of
 * `2020-05` or `2,016`. Whether it is a date depends on the words around it (see `yearTrigger`).
 */
const BARE_YEAR = /(?<![\p{L}\p{N}$€£¥.,/])(?:19|20)\d{2}(?![\p{L}\p{N}%]|[.,/]\d|-\d{1,2}(?!\d))/gu;
/** Words that put a year in time: "in 2016", "since 2019", "between 2020 …", "the summer of 1998", "mid-2020". */
const DATING_WORD_BEFORE =
  /(?:^|[^\p{L}])(?:in|since|by|from|between|of|during|until|till|through|throughout|early|late|mid|circa|year)[\s-]+$/iu;
/** A determiner or adjective before an attributive year: "the 2020 election", "Belarusian 2020", "Russia’s 2022". */
const DETERMINER = /^(?:the|a|an|its|his|her|their|our|this|that|whose)$/i;
/** Quantity words: "some 2000 people" is a count, not a year. */
const QUANTIFIER =
  /^(?:some|about|around|over|under|nearly|almost|roughly|approximately|only|just|exactly|least|than|all|total)$/i;
const CAPITALISED_OR_POSSESSIVE = /^(?:\p{Lu}[\p{L}\p{M}-]*|[\p{L}\p{M}-]+['\u2019]s?)$/u;
/** A dash between two years: "1998–2004", "1998 - 2004". */
const DASH_SPAN = /^\s?[-\u2013\u2014]\s?((?:19|20)\d{2})(?![\p{L}\p{N}%]|[.,]\d)/u;
/** Words that join a later year to a dated one: "between 2020 and 2024", "from 2020 to 2024", "in 2020, 2021 and 2022". */
const WORD_SPAN =
  /^(?:\s*,\s*(?:and\s+)?|\s+(?:and|to|until|till|through)\s+)(?:in\s+)?((?:19|20)\d{2})(?![\p{L}\p{N}%]|[.,]\d)/u;

function findYearMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  let resumeAt = 0;
  for (const match of text.matchAll(BARE_YEAR)) {
    if (match.index < resumeAt) continue;
    const mention = readYearMention(text, match.index, Number(match[0]));
    if (!mention) continue;
    mentions.push(mention);
    resumeAt = mention.end;
  }
  return mentions;
}

/**
 * A bare year that the words around it make a date, extended to a span when later years are joined to it:
 * "between 2020 and 2024" and "in 2020 and 2021" are one event each (2020/2024, 2020/2021), and so is the list
 * "in 2020, 2021 and 2022" (2020/2022). A dash joins any two years ("the 1998–2004 government"); words join
 * them only after a dating word, since "the 2020 and 2021 budgets" are two things rather than a period.
 */
function readYearMention(text: string, start: number, year: number): DateMention | undefined {
  let end = start + 4;
  let last = year;
  const dash = DASH_SPAN.exec(text.slice(end));
  if (dash && Number(dash[1]) > year) {
    end += dash[0].length;
    last = Number(dash[1]);
  }
  const trigger = yearTrigger(text, start, end);
  if (!trigger) return undefined;
  for (
    let next = WORD_SPAN.exec(text.slice(end));
    trigger === 'dating-word' && next;
    next = WORD_SPAN.exec(text.slice(end))
  ) {
    if (Number(next[1]) <= last) break;
    end += next[0].length;
    last = Number(next[1]);
  }
  const date = makeDate(
    { year, precision: 'year' },
    last > year ? { year: last, precision: 'year' } : undefined,
    false,
  );
  return { start, end, date };
}

/** Why a bare number is a year: a dating word before it, or it qualifies a noun ("the 2020 election"). */
function yearTrigger(text: string, start: number, end: number): 'dating-word' | 'attributive' | undefined {
  const before = text.slice(Math.max(0, start - 40), start);
  if (DATING_WORD_BEFORE.test(before)) return 'dating-word';
  const previous = /(\S+)\s+$/u.exec(before)?.[1];
  if (previous === undefined || QUANTIFIER.test(previous)) return undefined;
  const qualifies = DETERMINER.test(previous) || CAPITALISED_OR_POSSESSIVE.test(previous);
  return qualifies && /^\s+\p{Ll}/u.test(text.slice(end)) ? 'attributive' : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Labels and comparison

/** `2016`, `2022-02`, `2024-08-23`. */
export function labelPoint(point: DatePoint): string {
  const pad = (n: number | undefined): string => String(n ?? 1).padStart(2, '0');
  if (point.precision === 'year') return String(point.year);
  if (point.precision === 'month') return `${point.year}-${pad(point.month)}`;
  return `${point.year}-${pad(point.month)}-${pad(point.day)}`;
}

function makeDate(start: DatePoint, end: DatePoint | undefined, inferred: boolean): EventDate {
  const label = end ? `${labelPoint(start)}/${labelPoint(end)}` : labelPoint(start);
  return { ...start, ...(end ? { end } : {}), inferred, label };
}

/**
 * Orders points by year, then month, then day, an unstated part counting as before every stated one: the year
 * 2023 sorts before March 2023, which sorts before 2023-03-05.
 */
export function compareKeys(a: DatePoint, b: DatePoint): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);
}
