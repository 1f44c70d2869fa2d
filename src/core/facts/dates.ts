import { casual, type ParsedComponents, type ParsedResult } from 'chrono-node';
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
}

/** Reads `2024`, `2024-08` or `2024-08-23` (the loader has already checked the shape). */
export function readPublished(published: string | undefined): Published | undefined {
  if (published === undefined) return undefined;
  const [year, month] = published.split('-').map(Number);
  if (year === undefined || !Number.isInteger(year)) return undefined;
  return month !== undefined && Number.isInteger(month) ? { year, month } : { year };
}

/** Fixed so that chrono's own guesses never depend on the clock; every year it guesses is replaced below. */
const CHRONO_REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** Every date stated in `text`, in reading order, with overlapping readings resolved in chrono's favour. */
export function findDateMentions(text: string, published: Published | undefined): DateMention[] {
  const years = findYearMentions(text);
  const candidates = findChronoCandidates(text);
  const kept = years.filter((y) => !candidates.some((c) => overlaps(c, y)));
  const ordered = [...kept.map((m) => ({ kind: 'year' as const, m })), ...candidates.map((c) => ({ kind: 'chrono' as const, c }))].sort(
    (a, b) => startOf(a) - startOf(b),
  );

  const mentions: DateMention[] = [];
  for (const item of ordered) {
    const mention = item.kind === 'year' ? item.m : resolveCandidate(item.c, mentions, published);
    if (mention) mentions.push(mention);
  }
  return mentions;
}

function startOf(item: { kind: 'year'; m: DateMention } | { kind: 'chrono'; c: ChronoCandidate }): number {
  return item.kind === 'year' ? item.m.start : item.c.start;
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
function resolveCandidate(candidate: ChronoCandidate, before: readonly DateMention[], published: Published | undefined): DateMention | undefined {
  const { result } = candidate;
  const yearPrinted = result.start.isCertain('year') || (result.end?.isCertain('year') ?? false);
  let year: number | undefined;
  let inferred = false;
  if (yearPrinted) year = result.start.get('year') ?? undefined;
  else if (candidate.anaphoricYear) year = lastStatedYear(before);
  else if (published) {
    year = published.year;
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
 * `2020-05` or `2,016`. Whether it is a date depends on the words around it (see `isDatedYear`).
 */
const BARE_YEAR = /(?<![\p{L}\p{N}$€£¥.,/])(?:19|20)\d{2}(?![\p{L}\p{N}%]|[.,/]\d|-\d{1,2}(?!\d))/gu;
/** Words that put a year in time: "in 2016", "since 2019", "between 2020 …", "the summer of 1998", "mid-2020". */
const DATING_WORD_BEFORE = /(?:^|[^\p{L}])(?:in|since|by|from|between|of|during|until|till|through|throughout|early|late|mid|circa|year)[\s-]+$/iu;
/** A determiner or adjective before an attributive year: "the 2020 election", "Belarusian 2020", "Russia’s 2022". */
const DETERMINER = /^(?:the|a|an|its|his|her|their|our|this|that|whose)$/i;
/** Quantity words: "some 2000 people" is a count, not a year. */
const QUANTIFIER = /^(?:some|about|around|over|under|nearly|almost|roughly|approximately|only|just|exactly|least|than|all|total)$/i;
const CAPITALISED_OR_POSSESSIVE = /^(?:\p{Lu}[\p{L}\p{M}-]*|[\p{L}\p{M}-]+['\u2019]s?)$/u;
/** Connects a span's end: "between 2020 and 2024", "in 2020 and 2021", "1998–2004", "from 2020 to 2024". */
const SPAN_END = /^\s*(?:(and|to|until|till|through)\s+(?:in\s+)?|\s?[-\u2013\u2014]\s?)((?:19|20)\d{2})(?![\p{L}\p{N}%]|[.,]\d)/u;

function findYearMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  let resumeAt = 0;
  for (const match of text.matchAll(BARE_YEAR)) {
    if (match.index < resumeAt) continue;
    const trigger = yearTrigger(text, match.index, match.index + match[0].length);
    if (!trigger) continue;
    const mention = readYearSpan(text, match.index, Number(match[0]), trigger);
    mentions.push(mention);
    resumeAt = mention.end;
  }
  return mentions;
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

/** A year, extended to a span when another, later year follows: "between 2020 and 2024" → 2020/2024. */
function readYearSpan(text: string, start: number, year: number, trigger: 'dating-word' | 'attributive'): DateMention {
  const end = start + 4;
  const span = SPAN_END.exec(text.slice(end));
  const endYear = span?.[2] === undefined ? undefined : Number(span[2]);
  // "and"/"to" join two years only after a dating word: "the 2020 and 2021 budgets" are two things, not a span.
  const joins = span !== null && endYear !== undefined && endYear > year && (span[1] === undefined || trigger === 'dating-word');
  const date = makeDate({ year, precision: 'year' }, joins && endYear !== undefined ? { year: endYear, precision: 'year' } : undefined, false);
  return { start, end: joins && span ? end + span[0].length : end, date };
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
