import type { Citation } from '../core/citation.js';
import { labelPoint, readPublished } from '../core/facts/calendar.js';
import { formatCitation } from '../core/format.js';
import type { DatePoint } from '../core/facts/types.js';
import { currentLocale, type Language } from './locale.js';

/**
 * Numbers, dates and command names inside the sentences Footnote writes, in the language (and on the face) of the
 * event being answered (src/i18n/locale.ts). Every sentence formats through these, never with Intl of its own.
 * English writes dates as the library does (2024-08-23, 2024-08, 1990s, 2020/2024), unambiguous wherever the
 * reader is; the other languages write them as Intl does for the language. Excerpts are never formatted.
 */

const numberFormats = new Map<Language, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: Language, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${language} ${key}`;
  let format = dateFormats.get(cacheKey);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    dateFormats.set(cacheKey, format);
  }
  return format;
}

/** A count, size or limit as the language writes it: 1,234 · 1 234 · 1.234. */
export function formatNumber(value: number): string {
  const { language } = currentLocale();
  let format = numberFormats.get(language);
  if (format === undefined) {
    format = new Intl.NumberFormat(language);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** A citation's short form (`Title · Author · Section · ¶3`), its paragraph number written as the language does. */
export function citationLine(citation: Citation, options: { readonly title?: boolean } = {}): string {
  return formatCitation(citation, { ...options, number: formatNumber });
}

/** "The 1990s", which Intl does not write. */
const DECADES: Readonly<Record<Exclude<Language, 'en'>, (year: number) => string>> = {
  ru: (year) => `${year}-е`,
  de: (year) => `${year}er`,
  fr: (year) => `années ${year}`,
  es: (year) => `años ${year}`,
};

/** Intl's fields for each precision; a decade is written from DECADES. */
const FIELDS: Readonly<Record<Exclude<DatePoint['precision'], 'decade'>, Intl.DateTimeFormatOptions>> = {
  year: { year: 'numeric' },
  month: { year: 'numeric', month: 'long' },
  day: { year: 'numeric', month: 'long', day: 'numeric' },
};

const instantOf = (point: DatePoint): number => Date.UTC(point.year, (point.month ?? 1) - 1, point.day ?? 1);

function pointIn(language: Exclude<Language, 'en'>, point: DatePoint): string {
  if (point.precision === 'decade') return DECADES[language](point.year);
  return dateFormat(language, point.precision, FIELDS[point.precision]).format(instantOf(point));
}

/** A `published` value (`2024`, `2024-08`, `2024-08-23`) as a date point; undefined for anything else. */
function publishedPoint(published: string): DatePoint | undefined {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(published)) return undefined;
  const read = readPublished(published);
  if (read === undefined) return undefined;
  return { ...read, precision: read.day !== undefined ? 'day' : read.month !== undefined ? 'month' : 'year' };
}

type DateWithEnd = DatePoint & { readonly end?: DatePoint };

/**
 * A date as precise as it is known (an event's date, perhaps a span; a `from`/`to` bound; an article's `published`
 * as written), as the language writes it in a sentence: `2024-08-23` in English, `23. August 2024` in German.
 * A `published` text of another shape is written as it is.
 */
export function formatDate(date: DateWithEnd | string): string {
  const point: DateWithEnd | undefined = typeof date === 'string' ? publishedPoint(date) : date;
  if (point === undefined) return date as string;
  const { language } = currentLocale();
  if (language === 'en') {
    if (typeof date === 'string') return date;
    return point.end ? `${labelPoint(point)}/${labelPoint(point.end)}` : labelPoint(point);
  }
  const { end } = point;
  if (end === undefined) return pointIn(language, point);
  if (end.precision === point.precision && point.precision !== 'decade')
    return dateFormat(language, point.precision, FIELDS[point.precision]).formatRange(instantOf(point), instantOf(end));
  return `${pointIn(language, point)} – ${pointIn(language, end)}`;
}

/** A moment (a change to the library) to the minute, in UTC: `2024-08-23 14:05` in English. */
export function formatDateTime(epochMs: number): string {
  const { language } = currentLocale();
  if (language === 'en') return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
  return dateFormat(language, 'moment', { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** The names of commands, options and choices as the reader's face shows them; none means the English ones. */
function shownNames(): Readonly<Record<string, { readonly name?: string }>> | undefined {
  const { face, catalogue } = currentLocale();
  return face === 'discord' ? catalogue?.commands : undefined;
}

/**
 * A command as the reader types it, with options as examples: `commandMention('settings set', 'reply-mode:thread')`
 * is `/settings set reply-mode:thread` in English and in the console, `/einstellungen ändern antwortmodus:thread` for a
 * German member in Discord. The names come from the catalogue's command texts, the ones Discord registers; option
 * values stay as given.
 */
export function commandMention(path: string, ...options: readonly string[]): string {
  const names = shownNames();
  const words = path.split(' ');
  const command = words.map((word, i) => names?.[words.slice(0, i + 1).join(' ')]?.name ?? word);
  return `/${[...command, ...options.map((option) => optionMention(path, option))].join(' ')}`;
}

/** An option of `path` as the reader types it: `optionMention('library add', 'file:')` is `datei:` in German. */
export function optionMention(path: string, option: string): string {
  const [name = '', ...value] = option.split(':');
  return [shownNames()?.[`${path} ${name}`]?.name ?? name, ...value].join(':');
}

/** A message command's name as the reader's Discord shows it (`Find sources`, `Quellen finden`). */
export function menuCommandName(name: string): string {
  return shownNames()?.[name]?.name ?? name;
}
