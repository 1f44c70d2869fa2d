import { addDays, addMonths, type Day, dayPoint, makeDate, type Published, weekdayOf } from './calendar.js';
import { COMPARED_WITH, tenseAround } from './tense.js';
import type { DatePoint, EventDate } from './types.js';

/**
 * Dates a news report gives relative to its own day: "on Thursday", "yesterday", "last month", "two years ago",
 * "last May", "this summer". Each is resolved against `published` to the precision the phrase gives (a weekday
 * gives a day, "last year" a year) and marked `resolvedFrom: 'publication'`. A phrase that needs a more precise
 * `published` than the article has ("on Thursday" in an article dated only 2024-08) is left out, never guessed.
 */

export interface RelativeMention {
  readonly start: number;
  readonly end: number;
  readonly date: EventDate;
}

type Needs = 'year' | 'month' | 'day';

interface Resolution {
  readonly needs: Needs;
  readonly resolve: (published: Day) => { start: DatePoint; end?: DatePoint } | undefined;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};

/** Days named for a feast or a sale are not "the nearest Friday": "Good Friday", "Super Tuesday". */
const NAMED_DAY_BEFORE = /\b(?:Black|Good|Super|Ash|Bloody|Easter|Cyber|Holy|Maundy|Shrove|Palm|Giving|Blue|Fat)\s+$/;
/** A newspaper or a programme named for a day: "The Sunday Times reported", "Monday Night Football". */
const NAMED_AFTER_DAY =
  /^\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Tribune|Mail|Star|Independent|Sport|People|Observer|Night|Business|Edition|Magazine|Review|Show)\b/;
/** "over the last year", "in the past week", "for the next month": a stretch of time, not a date. */
const DURATION_BEFORE = /\b(?:the|over|for|within|throughout|during)\s+$/i;

const WEEKDAY =
  /\b(?:([Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?\b(?!\s*,?\s*(?:\d|January|February|March|April|May|June|July|August|September|October|November|December))/g;
const DAY_WORD = /\b(yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b/gi;
const UNIT =
  /\b(?:(earlier|later|early|late)\s+)?(last|this|next)\s+(week|month|year|fiscal\s+year|financial\s+year)\b(?!-)/gi;
const AGO =
  /\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(day|week|month|year)s?\s+ago\b/gi;
const MONTH_RELATIVE =
  /\b(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?([Ll]ast|[Nn]ext|[Tt]his)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b/g;
/** "over the weekend", "last weekend", "this past weekend": the Saturday and Sunday before publication. */
const WEEKEND = /\b(?:over|at|during)\s+the\s+weekend\b|\b(?:last|this\s+past)\s+weekend\b/gi;
const SEASON = /\b(last|next|this)\s+(spring|summer|autumn|fall|winter)\b/gi;

/** Every relative date in `text` that `published` fixes, in reading order. */
export function findRelativeMentions(text: string, published: Published | undefined): RelativeMention[] {
  if (!published) return [];
  const found: RelativeMention[] = [];
  const add = (start: number, end: number, resolution: Resolution | undefined): void => {
    if (!resolution) return;
    const day = publishedDay(published, resolution.needs);
    if (!day) return;
    const resolved = resolution.resolve(day);
    if (!resolved) return;
    found.push({ start, end, date: makeDate(resolved.start, resolved.end, true, 'publication') });
  };

  for (const m of text.matchAll(WEEKDAY)) {
    if (NAMED_DAY_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (NAMED_AFTER_DAY.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    const weekday = WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
    add(m.index, m.index + m[0].length, weekdayResolution(weekday, m[1]?.toLowerCase(), text, m.index, m[0].length));
  }
  for (const m of text.matchAll(DAY_WORD)) {
    add(m.index, m.index + m[0].length, dayWordResolution((m[1] ?? '').toLowerCase(), text, m.index, m[0].length));
  }
  for (const m of text.matchAll(UNIT)) {
    if (DURATION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)) && m[1] === undefined) continue;
    add(m.index, m.index + m[0].length, unitResolution((m[2] ?? '').toLowerCase(), (m[3] ?? '').toLowerCase()));
  }
  for (const m of text.matchAll(AGO)) {
    // "up 5 percent from a year ago" compares a figure with that time; nothing happened then.
    if (COMPARED_WITH.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    const count = /\d/.test(m[1] ?? '') ? Number(m[1]) : (NUMBER_WORDS[(m[1] ?? '').toLowerCase()] ?? 0);
    add(m.index, m.index + m[0].length, agoResolution(count, (m[2] ?? '').toLowerCase()));
  }
  for (const m of text.matchAll(MONTH_RELATIVE)) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    add(m.index, m.index + m[0].length, monthResolution(month, (m[1] ?? '').toLowerCase()));
  }
  for (const m of text.matchAll(WEEKEND)) {
    if (tenseAround(text, m.index, m.index + m[0].length) === 'future') continue;
    add(m.index, m.index + m[0].length, { needs: 'day', resolve: lastWeekend });
  }
  for (const m of text.matchAll(SEASON)) {
    add(m.index, m.index + m[0].length, seasonResolution((m[1] ?? '').toLowerCase(), (m[2] ?? '').toLowerCase()));
  }
  return dropOverlaps(found);
}

/** The day of publication completed only as far as `needs`; undefined when `published` is less precise. */
function publishedDay(published: Published, needs: Needs): Day | undefined {
  if (needs === 'day' && published.day === undefined) return undefined;
  if (needs !== 'year' && published.month === undefined) return undefined;
  return { year: published.year, month: published.month ?? 1, day: published.day ?? 1 };
}

/** "last Friday" is before the day of publication; "Friday" alone goes the way the verb points. */
function weekdayResolution(
  weekday: number,
  modifier: string | undefined,
  text: string,
  start: number,
  length: number,
): Resolution {
  const direction =
    modifier === 'last'
      ? 'last'
      : modifier === 'next' || modifier === 'coming'
        ? 'next'
        : tenseAround(text, start, start + length) === 'future'
          ? 'ahead'
          : 'back';
  return {
    needs: 'day',
    resolve: (published) => {
      const today = weekdayOf(published);
      const back = (today - weekday + 7) % 7;
      const ahead = (weekday - today + 7) % 7;
      if (direction === 'last') return { start: dayPoint(addDays(published, -(back === 0 ? 7 : back))) };
      if (direction === 'next') return { start: dayPoint(addDays(published, ahead === 0 ? 7 : ahead)) };
      // The report's own weekday is the day itself: a wire story of Thursday that says "on Thursday".
      return { start: dayPoint(addDays(published, direction === 'ahead' ? ahead : -back)) };
    },
  };
}

function dayWordResolution(word: string, text: string, start: number, length: number): Resolution | undefined {
  const offset = word === 'yesterday' || word.startsWith('last') ? -1 : word === 'tomorrow' ? 1 : 0;
  // "Today the network runs 12 lines" means nowadays; "ruled today" or "will vote today" is the day itself.
  if (word === 'today' && tenseAround(text, start, start + length) === undefined) return undefined;
  return { needs: 'day', resolve: (published) => ({ start: dayPoint(addDays(published, offset)) }) };
}

function unitResolution(which: string, unit: string): Resolution {
  const offset = which === 'last' ? -1 : which === 'next' ? 1 : 0;
  if (unit === 'week') return { needs: 'day', resolve: (published) => weekSpan(addDays(published, offset * 7)) };
  if (unit === 'month')
    return {
      needs: 'month',
      resolve: (published) => ({
        start: { ...addMonths(published.year, published.month, offset), precision: 'month' },
      }),
    };
  return { needs: 'year', resolve: (published) => ({ start: { year: published.year + offset, precision: 'year' } }) };
}

/** Monday to Sunday of the week that holds `day`: what "last week" names. */
function weekSpan(day: Day): { start: DatePoint; end: DatePoint } {
  const monday = addDays(day, -((weekdayOf(day) + 6) % 7));
  return { start: dayPoint(monday), end: dayPoint(addDays(monday, 6)) };
}

/** The latest Saturday and Sunday on or before the day of publication. */
function lastWeekend(published: Day): { start: DatePoint; end: DatePoint } {
  const sunday = addDays(published, -weekdayOf(published));
  return { start: dayPoint(addDays(sunday, -1)), end: dayPoint(sunday) };
}

function agoResolution(count: number, unit: string): Resolution | undefined {
  if (count <= 0) return undefined;
  if (unit === 'day')
    return { needs: 'day', resolve: (published) => ({ start: dayPoint(addDays(published, -count)) }) };
  if (unit === 'week') return { needs: 'day', resolve: (published) => weekSpan(addDays(published, -7 * count)) };
  if (unit === 'month')
    return {
      needs: 'month',
      resolve: (published) => ({
        start: { ...addMonths(published.year, published.month, -count), precision: 'month' },
      }),
    };
  return { needs: 'year', resolve: (published) => ({ start: { year: published.year - count, precision: 'year' } }) };
}

/** "last May": the latest May before the month of publication; "next May" the first after it; "this May" its year's. */
function monthResolution(month: number, which: string): Resolution {
  return {
    needs: which === 'this' ? 'year' : 'month',
    resolve: (published) => {
      let year = published.year;
      if (which === 'last' && month >= published.month) year -= 1;
      if (which === 'next' && month <= published.month) year += 1;
      return { start: { year, month, precision: 'month' } };
    },
  };
}

/** Seasons at year precision only: where a season begins and ends is not the same everywhere. */
function seasonResolution(which: string, season: string): Resolution | undefined {
  if (which === 'this')
    return { needs: 'year', resolve: (published) => ({ start: { year: published.year, precision: 'year' } }) };
  // Winter straddles two years; its year cannot be named without choosing a convention the text does not state.
  if (season === 'winter') return undefined;
  const firstMonth = season === 'spring' ? 3 : season === 'summer' ? 6 : 9;
  return {
    needs: 'month',
    resolve: (published) => {
      const year =
        which === 'last'
          ? published.month > firstMonth + 2
            ? published.year
            : published.year - 1
          : published.month < firstMonth
            ? published.year
            : published.year + 1;
      return { start: { year, precision: 'year' } };
    },
  };
}

/** Keeps the longest of overlapping mentions ("early last September" over "last September"), in reading order. */
function dropOverlaps(mentions: readonly RelativeMention[]): RelativeMention[] {
  const byLength = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RelativeMention[] = [];
  for (const m of byLength) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}
