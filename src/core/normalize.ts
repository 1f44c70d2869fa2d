import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.js';

/**
 * One normalisation for queries and text alike, so that what a person types and what an article prints
 * meet in the same form: case, diacritics, curly quotes, dashes and possessives folded away.
 */

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const COMBINING_MARKS = /\p{M}/gu;

/** Folds quotes and dashes to ASCII, strips diacritics and lower-cases. Length may change: not for offsets. */
export function normalizeText(text: string): string {
  return text
    .replace(CURLY_SINGLE, "'")
    .replace(CURLY_DOUBLE, '"')
    .replace(DASHES, '-')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase();
}

/**
 * A word in the original text: letters and digits, with decimal points and thousands separators kept inside
 * numbers (`2.6`, `100,000`). Apostrophes and hyphens split words, which turns `China's` into `china` + `s`;
 * the lone `s` is dropped as a stopword, so possessives need no special case.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[.,]\p{N}+)*/gu;

export interface Token {
  /** Normalised surface form: `investments`. */
  readonly surface: string;
  /** Stemmed form used for matching: `invest`. */
  readonly term: string;
  /** Offsets in the original string. */
  readonly start: number;
  readonly end: number;
}

const MIN_STEM_LENGTH = 4;

/**
 * Irregular past forms that no suffix rule reaches ("met" for "meet"), mapped to their base verb. Only forms that
 * are rarely anything else: "left", "found" or "saw" are kept as they are.
 */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  Object.entries({
    met: 'meet',
    made: 'make',
    took: 'take',
    taken: 'take',
    gave: 'give',
    given: 'give',
    began: 'begin',
    begun: 'begin',
    held: 'hold',
    led: 'lead',
    paid: 'pay',
    sent: 'send',
    spent: 'spend',
    built: 'build',
    bought: 'buy',
    brought: 'bring',
    thought: 'think',
    told: 'tell',
    won: 'win',
    wrote: 'write',
    written: 'write',
    fought: 'fight',
    grew: 'grow',
    grown: 'grow',
    knew: 'know',
    known: 'know',
    chose: 'choose',
    chosen: 'choose',
    ran: 'run',
    came: 'come',
    became: 'become',
    kept: 'keep',
    sold: 'sell',
    meant: 'mean',
    sought: 'seek',
    struck: 'strike',
    stood: 'stand',
    understood: 'understand',
    drove: 'drive',
    driven: 'drive',
    spoke: 'speak',
    spoken: 'speak',
    broke: 'break',
    broken: 'break',
    froze: 'freeze',
    frozen: 'freeze',
  }),
);

/** Stem of a normalised word. Numbers and short words are kept whole: stemming `bri` or `2.6` only does harm. */
export function stemWord(surface: string): string {
  const base = IRREGULAR.get(surface);
  if (base !== undefined) return stemmer(base);
  if (surface.length < MIN_STEM_LENGTH || /\d/.test(surface)) return surface;
  return stemmer(surface);
}

/** Every word of `text` with its offsets, normalised and stemmed. Stopwords are kept: callers decide. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const surface = normalizeText(match[0]).replace(/,/g, '');
    if (surface.length === 0) continue;
    tokens.push({ surface, term: stemWord(surface), start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export function isStopword(surface: string): boolean {
  return STOPWORDS.has(surface);
}

/** The words of `text` that carry meaning; if every word is a stopword, all of them (so "who is he" still searches). */
export function contentTokens(text: string): Token[] {
  const all = tokenize(text);
  const content = all.filter((t) => !isStopword(t.surface));
  return content.length > 0 ? content : all;
}
