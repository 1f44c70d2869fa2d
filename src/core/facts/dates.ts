import { casual } from 'chrono-node/en';
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import { addDays, addMonths, compareKeys, dayPoint, makeDate, type Published } from './calendar.js';
import { findRelativeMentions } from './relative.js';
import { COMPARED_WITH, tenseAround, type Tense } from './tense.js';
import type { DatePoint, DatePrecision, EventDate } from './types.js';

export { compareKeys, labelPoint, type Published, readPublished } from './calendar.js';

/**
 * Finds the dates a passage states, with their offsets. chrono-node reads every date that names a month
 * ("February 2022", "on 31 March 1956", "July 4th", "from March to May 2021"); it reads no bare year, so a small
 * rule below adds "in 2016", "between 2020 and 2024" and "the 2020 election", and patterns add what neither reads
 * ("1998-99", "the 1990s", "the first half of 2023"). Phrases relative to the day of publication ("on Thursday",
 * "last year") are read by `relative.ts` against `published`; without it they are left out.
 */

/** A date as it appears in a passage: `text.slice(start, end)` is the words that state it. */
export interface DateMention {
  readonly start: number;
  readonly end: number;
  readonly date: EventDate;
  /** A year that qualifies a noun ("the 2016 election"): the event's date only if nothing else in its sentence is. */
  readonly attributive?: boolean;
}

/**
 * The year of a date printed without one. A past event ("was agreed on April 7") takes the latest such date on or
 * before publication, a future one ("will begin on April 7", "is due in May") the first on or after it. Compared
 * only as precisely as `published` is written.
 */
function inferYear(components: ParsedComponents, published: Published, tense: Tense, dayStated: boolean): number {
  const month = components.get('month') ?? 1;
  const day = dayStated && components.isCertain('day') ? (components.get('day') ?? 1) : undefined;
  if (published.month === undefined) return published.year;
  const sameMonthDay = month === published.month && published.day !== undefined && day !== undefined;
  if (tense === 'future') {
    const earlier = month < published.month || (sameMonthDay && day < (published.day ?? 0));
    return earlier ? published.year + 1 : published.year;
  }
  const later = month > published.month || (sameMonthDay && day > (published.day ?? 0));
  return later ? published.year - 1 : published.year;
}

/** Fixed so that chrono's own guesses never depend on the clock; every year it guesses is replaced below. */
const CHRONO_REFERENCE = new Date(Date.UTC(2000, 0, 1));
/** A second reference: a reading that changes with the reference ("this month") is relative, whatever chrono says. */
const CHRONO_PROBE = new Date(Date.UTC(2011, 6, 15));

/** Every date stated in `text`, in reading order; where readers overlap, the more specific reading wins. */
export function findDateMentions(text: string, published: Published | undefined): DateMention[] {
  const claimed: { start: number; end: number }[] = [];
  const free = <T extends { start: number; end: number }>(item: T): boolean => {
    if (claimed.some((c) => overlaps(c, item))) return false;
    claimed.push(item);
    return true;
  };
  const patterns = findPatternMentions(text).filter(free);
  const candidates = findChronoCandidates(text).filter(free);
  const relative = findRelativeMentions(text, published).filter(free);
  const years = findYearMentions(text).filter(free);
  const ordered: (DateMention | ChronoCandidate)[] = [...patterns, ...relative, ...years, ...candidates].sort(
    (a, b) => a.start - b.start,
  );
  const mentions: DateMention[] = [];
  // In reading order, so that "December of that year" can look back at the dates before it.
  for (const item of ordered) {
    const mention = 'result' in item ? resolveCandidate(text, item, mentions, published) : item;
    if (mention) mentions.push(mention);
  }
  return withAnchoredDates(text, mentions, claimed).filter((m) => !isBackground(text, m));
}

/**
 * "the next day", "two days later", "the following year", "a year earlier": dated from the date the passage stated
 * just before, as precisely as the phrase counts (a day needs a day before it). Never from publication: "a year
 * later" in a history is not a year after the report.
 */
const ANCHORED =
  /\b(?:the\s+(next|following|previous)\s+(day|month|year)|the\s+(day|month|year)\s+(before|after)|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|month|year)s?\s+(later|earlier))\b/gi;
const COUNT_WORDS = ['a', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function withAnchoredDates(
  text: string,
  mentions: readonly DateMention[],
  claimed: readonly { start: number; end: number }[],
): DateMention[] {
  const all = [...mentions];
  for (const m of text.matchAll(ANCHORED)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (claimed.some((c) => overlaps(c, span)) || COMPARED_WITH.test(text.slice(Math.max(0, m.index - 30), m.index)))
      continue;
    const unit = (m[2] ?? m[3] ?? m[6] ?? '').toLowerCase() as 'day' | 'month' | 'year';
    const word = (m[5] ?? '').toLowerCase();
    const count =
      m[5] === undefined
        ? 1
        : /\d/.test(word)
          ? Number(word)
          : Math.max(1, COUNT_WORDS.indexOf(word === 'an' ? 'a' : word));
    const back = /previous|before|earlier/i.test(m[1] ?? m[4] ?? m[7] ?? '');
    const anchor = all.filter((x) => x.end <= span.start && x.date.end === undefined).at(-1);
    const point = anchor ? shiftPoint(anchor.date, unit, back ? -count : count) : undefined;
    if (!anchor || !point) continue;
    const date = makeDate(point, undefined, anchor.date.inferred, anchor.date.resolvedFrom);
    all.push({ start: span.start, end: span.end, date });
  }
  return all.sort((a, b) => a.start - b.start);
}

/** `point` moved by `count` units, or undefined when `point` is less precise than the unit. */
function shiftPoint(point: DatePoint, unit: 'day' | 'month' | 'year', count: number): DatePoint | undefined {
  if (unit === 'year' && point.precision !== 'decade') return { year: point.year + count, precision: 'year' };
  if (unit === 'month' && (point.precision === 'month' || point.precision === 'day')) {
    return { ...addMonths(point.year, point.month ?? 1, count), precision: 'month' };
  }
  if (unit === 'day' && point.precision === 'day') {
    return dayPoint(addDays({ year: point.year, month: point.month ?? 1, day: point.day ?? 1 }, count));
  }
  return undefined;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * "the lowest level since 2001", "the first time since 2012": the year measures the news against the past, it
 * is not when anything happened.
 */
const BACKGROUND_BEFORE =
  /\b(?:lowest|highest|weakest|strongest|biggest|largest|smallest|worst|best|first|fastest|slowest|most|least|deepest|sharpest|steepest|record)\b[^.;]{0,40}\bsince\s+$/i;

function isBackground(text: string, mention: DateMention): boolean {
  return BACKGROUND_BEFORE.test(text.slice(Math.max(0, mention.start - 60), mention.start));
}

// ---------------------------------------------------------------------------------------------------------------
// chrono-node

interface ChronoCandidate {
  readonly start: number;
  readonly end: number;
  readonly result: ParsedResult;
  /** "in December of that year": the year is the one the passage named last. */
  readonly anaphoricYear: boolean;
  /** "That cold March morning in 2009": the year printed just after a month stated without one. */
  readonly yearAfter?: number;
}

/** chrono's casual parser also reads "last year", "in 30 years", "yesterday"; those carry these tags. */
const RELATIVE_TAG = /relative|casual/i;
const TIME_OF_DAY_TAG = /casualReference\/(?:morning|afternoon|evening|night|noon|midnight)|ENCasualTimeParser/;
/** chrono reads "an august body" and "protesters march" as months; an article capitalises a month it means. */
const LOWERCASE_MONTH = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/;
/** "last March", "next May": relative to a day the article does not state. */
const RELATIVE_BEFORE = /\b(?:last|next|this|coming|past|previous|following|preceding|every|each)\s+$/i;
/** "December of that year", "May the same year". */
const THAT_YEAR_AFTER = /^,?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b/i;

/** "That cold March morning in 2009": a year a few words after a month without one is that month's year. */
const YEAR_AFTER = /^\s+(?:in|of)\s+((?:19|20)\d{2})(?![\p{L}\p{N}])/u;

function findChronoCandidates(text: string): ChronoCandidate[] {
  const candidates: ChronoCandidate[] = [];
  for (const result of casual.parse(text, CHRONO_REFERENCE)) {
    if (!isCalendarDate(result, text) || dependsOnReference(result)) continue;
    // chrono sometimes swallows the "of" of "December of that year" while looking for a year.
    const core = result.text.replace(/\s+of$/i, '');
    const start = result.index;
    const anaphora = THAT_YEAR_AFTER.exec(text.slice(start + core.length));
    const anaphoricYear = anaphora !== null && !result.start.isCertain('year');
    const yearPrinted = result.start.isCertain('year') || (result.end?.isCertain('year') ?? false);
    const after = yearPrinted || anaphoricYear ? null : YEAR_AFTER.exec(text.slice(start + core.length));
    const end = start + core.length + (anaphoricYear && anaphora ? anaphora[0].length : 0) + (after?.[0].length ?? 0);
    if (!yearPrinted && !after && !anaphoricYear && isBareMonthName(result, text)) continue;
    candidates.push({ start, end, result, anaphoricYear, ...(after ? { yearAfter: Number(after[1]) } : {}) });
  }
  return candidates;
}

/** Words that put a bare month name in time: "in May", "by March", "until October". */
const MONTH_PREPOSITION =
  /(?:^|[^\p{L}])(?:in|on|by|since|from|to|until|till|through|during|of|early|late|mid|before|after|between|and|or|for|last|next|this|that|each|every)[\s-]+$/iu;

/**
 * A month name alone, with no day and no year, is a date only after a word that puts it in time: "Theresa May
 * said" and "March was warm" are not read, "in May" is.
 */
function isBareMonthName(result: ParsedResult, text: string): boolean {
  if (result.start.isCertain('day') || result.end) return false;
  return !MONTH_PREPOSITION.test(text.slice(Math.max(0, result.index - 12), result.index));
}

/**
 * chrono marks "this month" and "later this month" as certain month and year, read from its reference date. Read
 * again against another reference, such a phrase gives another date: it is relative, and `relative.ts` resolves it
 * against the article's publication date instead.
 */
function dependsOnReference(result: ParsedResult): boolean {
  // A printed year fixes the reading; only words like "this month" need the second look.
  if (/\b\d{4}\b/.test(result.text)) return false;
  const again = casual.parse(result.text, CHRONO_PROBE).find((r) => r.index === 0 && r.text === result.text);
  if (!again) return false;
  return (['year', 'month', 'day'] as const).some(
    (unit) => result.start.isCertain(unit) && result.start.get(unit) !== again.start.get(unit),
  );
}

/** A stated calendar date: names a month, is not relative, and is not an ambiguous `05/06/2010`. */
function isCalendarDate(result: ParsedResult, text: string): boolean {
  // A time of day ("that cold March morning") leaves the date what it is.
  const tags = [...result.tags()].filter((tag) => !TIME_OF_DAY_TAG.test(tag));
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

/**
 * Gives a chrono date its year: printed, printed just after it, taken from the end of its range, from "that
 * year", or from `published` in the direction the verb points.
 */
function resolveCandidate(
  text: string,
  candidate: ChronoCandidate,
  before: readonly DateMention[],
  published: Published | undefined,
): DateMention | undefined {
  const { result } = candidate;
  const yearPrinted = result.start.isCertain('year') || (result.end?.isCertain('year') ?? false);
  const dayStated = !PART_OF_MONTH.test(result.text);
  let year: number | undefined;
  let inferred = false;
  if (yearPrinted) year = result.start.get('year') ?? undefined;
  else if (candidate.yearAfter !== undefined) year = candidate.yearAfter;
  else if (candidate.anaphoricYear) year = lastStatedYear(before);
  else if (published) {
    year = inferYear(result.start, published, tenseAround(text, candidate.start, candidate.end) ?? 'past', dayStated);
    inferred = true;
  }
  if (year === undefined) return undefined;

  const start = pointOf(result.start, year, dayStated);
  const end = result.end ? endPointOf(result.end, start, yearPrinted) : undefined;
  const date = makeDate(
    start,
    end && compareKeys(end, start) > 0 ? end : undefined,
    inferred,
    inferred ? 'publication' : undefined,
  );
  return { start: candidate.start, end: candidate.end, date };
}

/** The year of the last single date the passage stated before: what "that year" refers to. */
function lastStatedYear(before: readonly DateMention[]): number | undefined {
  const last = before.at(-1);
  if (!last || last.date.inferred || last.date.end) return undefined;
  return last.date.year;
}

/** "the end of March", "the beginning of May": chrono names a day the text does not. */
const PART_OF_MONTH = /^(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of\s+/i;

function precisionOf(components: ParsedComponents, dayStated: boolean): DatePrecision {
  if (dayStated && components.isCertain('day') && components.isCertain('month')) return 'day';
  return components.isCertain('month') ? 'month' : 'year';
}

function pointOf(components: ParsedComponents, year: number, dayStated = true): DatePoint {
  const precision = precisionOf(components, dayStated);
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
  /(?:^|[^\p{L}])(?:in|since|by|from|between|of|during|until|till|through|throughout|early|late|mid|circa|year|before|after|fiscal|spring|summer|autumn|fall|winter)[\s-]+$/iu;
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
  return { start, end, date, ...(trigger === 'attributive' ? { attributive: true } : {}) };
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
// Patterns neither chrono nor the year rule reads: short compound years, decades, halves and quarters, and
// "between March and May 2020"

const YEAR = '((?:19|20)\\d{2})';
const MONTH_NAMES =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
/** "1998-99", "2009–10", "2015/16": a span when the short year is the next one (`2020-05` stays a month). */
const SHORT_COMPOUND = new RegExp(
  `(?<![\\p{L}\\p{N}$€£¥.,/])${YEAR}\\s?[-\u2013/]\\s?(\\d{2})(?![\\p{L}\\p{N}%]|[-\u2013.,/]\\d)`,
  'gu',
);
/** "the 1990s", "the mid-2000s", "the early ’70s". */
const DECADE = /(?<![\p{L}\p{N}$€£¥])(?:((?:1[89]|20)\d)0|['\u2019](\d)0)s(?![\p{L}\p{N}])/gu;
const HALF = new RegExp(`\\b(?:(first|second|1st|2nd)\\s+half\\s+of|H([12]))\\s+${YEAR}\\b`, 'gi');
const QUARTER = new RegExp(
  `\\b(?:(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\\s+quarter\\s+(?:of\\s+)?|Q([1-4])\\s+)${YEAR}\\b`,
  'gi',
);
const BETWEEN_MONTHS = new RegExp(
  `\\b[Bb]etween\\s+(${MONTH_NAMES})\\.?(?:\\s+(\\d{1,2}))?\\s+and\\s+(${MONTH_NAMES})\\.?(?:\\s+(\\d{1,2}))?,?\\s+${YEAR}\\b`,
  'g',
);
const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  final: 4,
  last: 4,
};

function findPatternMentions(text: string): DateMention[] {
  const found: DateMention[] = [];
  const add = (index: number, length: number, start: DatePoint, end?: DatePoint): void => {
    found.push({ start: index, end: index + length, date: makeDate(start, end, false) });
  };
  for (const m of text.matchAll(SHORT_COMPOUND)) {
    const year = Number(m[1]);
    if (Number(m[2]) !== (year + 1) % 100) continue;
    add(m.index, m[0].length, { year, precision: 'year' }, { year: year + 1, precision: 'year' });
  }
  for (const m of text.matchAll(DECADE)) {
    const short = m[2] === undefined ? undefined : Number(m[2]);
    const year =
      m[1] !== undefined
        ? Number(m[1]) * 10
        : short !== undefined && short >= 3
          ? 1900 + short * 10
          : 2000 + (short ?? 0) * 10;
    add(m.index, m[0].length, { year, precision: 'decade' });
  }
  // "the second half of 2021", "Q3 2022": a part of a year, as the range of its months.
  for (const [pattern, months] of [
    [HALF, 6],
    [QUARTER, 3],
  ] as const) {
    for (const m of text.matchAll(pattern)) {
      const part = m[2] !== undefined ? Number(m[2]) : (ORDINALS[(m[1] ?? '').toLowerCase()] ?? 1);
      const year = Number(m[3]);
      add(
        m.index,
        m[0].length,
        { year, month: part * months - months + 1, precision: 'month' },
        { year, month: part * months, precision: 'month' },
      );
    }
  }
  for (const m of text.matchAll(BETWEEN_MONTHS)) {
    const year = Number(m[5]);
    const first = monthNumber(m[1] ?? '');
    const last = monthNumber(m[3] ?? '');
    const withDays = m[2] !== undefined && m[4] !== undefined;
    const point = (month: number, day: string | undefined, y: number): DatePoint =>
      withDays ? { year: y, month, day: Number(day), precision: 'day' } : { year: y, month, precision: 'month' };
    // "between November and February 2021": the first month is in the year before.
    add(m.index, m[0].length, point(first, m[2], first > last ? year - 1 : year), point(last, m[4], year));
  }
  return found;
}

function monthNumber(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase();
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(prefix) + 1;
}
