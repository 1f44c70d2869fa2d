import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.js';

/**
 * The one text module: what a word is, how it is normalised and stemmed, for queries and text alike, so that what
 * a person types and what an article prints meet in the same form (case, diacritics, curly quotes, dashes and
 * possessives folded away). Words are found two ways that must agree: a Unicode regular expression (`tokenize`,
 * the definition) and a scan of character codes (`forEachWord`, which the index build and the highlighter use);
 * tests/forward-index.test.ts holds the two to each other on generated text.
 */

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const COMBINING_MARKS = /\p{M}/gu;
const NON_ASCII = /[\u0080-\uffff]/;

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
 * `normalizeText`, with a shortcut for ASCII text (most English text): every rule but lower-casing concerns
 * characters outside ASCII, so lower-casing gives the same string.
 */
export function normalizeFast(text: string): string {
  return NON_ASCII.test(text) ? normalizeText(text) : text.toLowerCase();
}

/**
 * A word in the original text: letters and digits, with decimal points and thousands separators kept inside
 * numbers (`2.6`, `100,000`). The possessive rule: apostrophes and hyphens split words, which turns `China's` into
 * `china` + `s`; the lone `s` is dropped as a stopword, so possessives need no special case.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[.,]\p{N}+)*/gu;

/**
 * The comma rule: a thousands separator is not part of a number's surface (`100,000` → `100000`, as people also
 * type it); a decimal point is (`2.6`). `surface` is normalised already.
 */
export function dropSeparators(surface: string): string {
  return surface.includes(',') ? surface.replace(/,/g, '') : surface;
}

/** The surface of a word as found in a text (its characters, as `WORD` matched them): normalised, comma rule applied. */
export function surfaceOf(word: string): string {
  return dropSeparators(normalizeFast(word));
}

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
    const surface = surfaceOf(match[0]);
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

/** Character classes of `WORD`: a word starts with a letter or number, and goes on with letters, marks and numbers. */
export const LETTER = 1;
export const MARK = 2;
export const NUMBER = 4;
/** The class of each ASCII character: letters and digits only (no ASCII character is a mark). */
export const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, code) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? LETTER : code >= 48 && code <= 57 ? NUMBER : 0,
);
const nonAsciiClass = new Map<number, number>();

function classOf(codePoint: number): number {
  if (codePoint < 128) return ASCII_CLASSES[codePoint]!;
  let cls = nonAsciiClass.get(codePoint);
  if (cls === undefined) {
    const char = String.fromCodePoint(codePoint);
    cls = (/\p{L}/u.test(char) ? LETTER : 0) | (/\p{M}/u.test(char) ? MARK : 0) | (/\p{N}/u.test(char) ? NUMBER : 0);
    nonAsciiClass.set(codePoint, cls);
  }
  return cls;
}

/** Where the word that starts at `start` ends: letters, marks and digits, then `.5` or `,000` groups of digits. */
export function wordEnd(text: string, start: number): number {
  const length = text.length;
  const first = text.codePointAt(start)!;
  let end = start + (first > 0xffff ? 2 : 1);
  while (end < length) {
    const code = text.charCodeAt(end);
    if (code < 128) {
      if (classOf(code) === 0) break;
      end += 1;
      continue;
    }
    const next = text.codePointAt(end)!;
    if (classOf(next) === 0) break;
    end += next > 0xffff ? 2 : 1;
  }
  // Decimal points and thousands separators stay inside numbers: `2.6`, `100,000`.
  while (end + 1 < length) {
    const separator = text.charCodeAt(end);
    if (separator !== 46 && separator !== 44) break;
    let digits = end + 1;
    while (digits < length) {
      const next = text.codePointAt(digits)!;
      if ((classOf(next) & NUMBER) === 0) break;
      digits += next > 0xffff ? 2 : 1;
    }
    if (digits === end + 1) break;
    end = digits;
  }
  return end;
}

/** Whether the character at `at` may be a digit (any non-ASCII character might be one), continuing `2.` as `2.6`. */
export function mayContinueNumber(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 128 || (code >= 48 && code <= 57);
}

/** Where the next word at or after `from` starts (`text.length` if none). */
export function nextWordStart(text: string, from: number): number {
  const length = text.length;
  let i = from;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (classOf(code) !== 0) return i;
      i += 1;
      continue;
    }
    const point = text.codePointAt(i)!;
    if ((classOf(point) & (LETTER | NUMBER)) !== 0) return i;
    i += point > 0xffff ? 2 : 1;
  }
  return length;
}

/**
 * Calls `visit` with the offsets of each word of `text`: exactly the spans `WORD` matches (greedy), found by a
 * scan of character codes instead of a Unicode regular expression, and without building a Token for each.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  for (let start = nextWordStart(text, 0); start < text.length;) {
    const end = wordEnd(text, start);
    visit(start, end);
    start = nextWordStart(text, end);
  }
}

/**
 * Calls `visit` with the surface of each word of `text` and its offsets, as `tokenize` gives `token.surface`,
 * `token.start` and `token.end`. An ASCII text is lower-cased once and sliced, rather than each of its words
 * normalised.
 */
export function forEachSurface(text: string, visit: (surface: string, start: number, end: number) => void): void {
  const lower = NON_ASCII.test(text) ? undefined : text.toLowerCase();
  forEachWord(text, (start, end) => {
    const surface = lower !== undefined ? dropSeparators(lower.slice(start, end)) : surfaceOf(text.slice(start, end));
    if (surface.length > 0) visit(surface, start, end);
  });
}

/**
 * 32-bit FNV-1a, the hash of words wherever they are hashed (the build's table of ASCII words, the typo index's
 * deletes): `hash = (hash ^ code) · FNV_PRIME`, from `FNV_OFFSET_BASIS`, in 32-bit arithmetic (`Math.imul`).
 */
export const FNV_OFFSET_BASIS = 2_166_136_261;
export const FNV_PRIME = 16_777_619;
