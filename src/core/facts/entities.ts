import { normalizeText } from '../normalize.js';
import { STOPWORDS } from '../stopwords.js';
import type { Article } from '../types.js';

/**
 * The names a library holds and how to find one of them in a sentence, for `/timeline about:<name>`. A name is
 * found under its other names (front matter and library `aliases`, an acronym an article defines: "the European
 * Central Bank (ECB)"), written with or without spaces and hyphens ("Rolls Royce", "Rolls-Royce"), and with a
 * possessive ("Tesla’s"); it is not found inside a longer name that is another thing ("Tesla Model 3", "Tesla
 * Foundation"), while a fuller name of the same one counts ("Xi Jinping" for "Xi", "Tesla Inc.").
 */

export interface EntityName {
  /** As the library writes it: `European Central Bank`, `Tesla Model 3`. */
  readonly name: string;
  /** How often the library writes it. */
  readonly count: number;
}

export interface EntityLexicon {
  /** Most frequent first. */
  readonly names: readonly EntityName[];
  /** Groups of names for one thing: aliases and acronym definitions. */
  readonly groups: readonly (readonly string[])[];
  /** Compressed keys (see `compress`) of names the library writes with a capital. */
  readonly proper: ReadonlySet<string>;
  /** Compressed keys of names the library writes in capitals: `ECB`, `US`. */
  readonly acronyms: ReadonlySet<string>;
}

/** A run of capitalised words, with connectors ("Bank of England") and a trailing number ("Model 3"). */
const NAME_RUN =
  /\p{Lu}[\p{L}\p{M}\p{N}]*(?:[-'’.&][\p{L}\p{M}\p{N}]+)*(?:\s+(?:(?:of|and|de|del|der|la|le|van|von|for|the|&)\s+)?\p{Lu}[\p{L}\p{M}\p{N}]*(?:[-'’.&][\p{L}\p{M}\p{N}]+)*|\s+\d+(?![\p{L}\p{N},.]))*/gu;
/** "the European Central Bank (ECB)": the words before a parenthesised acronym. */
const ACRONYM_DEFINITION = /\(\s*(\p{Lu}[\p{Lu}\p{N}&]{1,9})\s*\)/gu;
const MONTH_OR_WEEKDAY =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
/** Titles that precede a name and are not part of it: "President Xi Jinping", "Chief Executive Elon Musk". */
const TITLE =
  /^(?:president|vice|prime|minister|chancellor|premier|chief|executive|ceo|chair|chairman|chairwoman|secretary|general|governor|senator|mayor|king|queen|prince|princess|pope|mr|mrs|ms|dr|sir|dame|lord|judge|justice|spokesman|spokeswoman|spokesperson|foreign|finance|defence|defense|interior|economy|state)$/;
const NATIONALITY = /(?:an|ese|ish|ch|i)$/;
/** A following word that makes a longer name the same thing: "Tesla Inc.", "Siemens Group". */
const SAME_THING_SUFFIX =
  /^(?:inc|corp|corporation|ltd|limited|plc|group|ag|sa|se|nv|co|company|holdings|llc|gmbh|spa|jr|sr)$/;
/** A following word that makes a longer name another thing: "Tesla Model 3", "Nobel Prize", "Bank of England". */
const OTHER_THING_HEAD =
  /^(?:model|series|foundation|university|institute|museum|party|stadium|airport|street|square|prize|award|cup|fund|bank|council|motors|energy|airlines|airways|bridge|river|park|hospital|school|college|road|avenue|station|tower|centre|center|hall|club|festival|line|act|agreement|treaty|plan|index|league|championship|games|tournament|summit|forum|award|report|accord|pact|day|week|building|island|islands|lake|mountain|valley|region|province|county|district|city|state|states|republic|federation|union|army|navy|force|forces|ministry|department|agency|commission|committee|court|times|post|news|press|media|tv|radio|records|music|pictures|studios|and|of)$/;

/** A word that names a kind of thing or a company form, so a name holding it is not a person's. */
export function isThingWord(word: string): boolean {
  const folded = compress(word);
  return OTHER_THING_HEAD.test(folded) || SAME_THING_SUFFIX.test(folded);
}

const lexicons = new WeakMap<readonly Article[], EntityLexicon>();

/** The names of a library, built once per list of articles. */
/**
 * The names of two libraries served as one (the shared library and a server's shelf), as `entityLexicon` would
 * read them from both: counts of one name added, most frequent first.
 */
export function mergeLexicons(a: EntityLexicon, b: EntityLexicon): EntityLexicon {
  const counts = new Map<string, { name: string; count: number }>();
  for (const { name, count } of [...a.names, ...b.names]) {
    const key = compress(name);
    const entry = counts.get(key) ?? { name, count: 0 };
    entry.count += count;
    counts.set(key, entry);
  }
  const names = [...counts.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
  return {
    names,
    groups: [...a.groups, ...b.groups],
    proper: new Set([...a.proper, ...b.proper]),
    acronyms: new Set([...a.acronyms, ...b.acronyms]),
  };
}

export function entityLexicon(articles: readonly Article[], aliases: readonly (readonly string[])[]): EntityLexicon {
  const cached = lexicons.get(articles);
  if (cached) return cached;
  const counts = new Map<string, { name: string; count: number }>();
  const groups: string[][] = aliases.map((group) => [...group]);
  for (const article of articles) {
    for (const group of article.meta.aliases) groups.push([...group]);
    for (const passage of article.passages) {
      for (const name of findNames(passage.text)) {
        const key = compress(name);
        const entry = counts.get(key) ?? { name, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      groups.push(...findAcronymDefinitions(passage.text));
    }
  }
  const names = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const acronyms = new Set(
    [...names, ...groups.flat().map((name) => ({ name }))]
      .filter(({ name }) => /^[\p{Lu}\p{N}&.]{2,10}$/u.test(name) && /\p{Lu}.*\p{Lu}/u.test(name))
      .map(({ name }) => compress(name)),
  );
  const lexicon = { names, groups, proper: new Set(counts.keys()), acronyms };
  lexicons.set(articles, lexicon);
  return lexicon;
}

/** Names written in `text`: maximal runs of capitalised words, without a leading title or function word. */
export function findNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(NAME_RUN)) {
    const words = match[0].split(/\s+/);
    const sentenceStart = /(?:^|[.!?:;"“‘(]\s*)$/.test(text.slice(Math.max(0, match.index - 3), match.index));
    while (words.length > 0 && isLeadingNoise(words, sentenceStart)) words.shift();
    while (words.length > 0 && /^(?:of|and|de|del|der|la|le|van|von|for|the|&)$/.test(words.at(-1) ?? '')) words.pop();
    const name = words.join(' ').replace(/['’]s$/, '');
    // A single capitalised word that opens a sentence is usually just the sentence's first word ("Shares fell").
    if (name === '' || (words.length === 1 && sentenceStart && words[0] === match[0].split(/\s+/)[0])) continue;
    if (words.length === 1 && MONTH_OR_WEEKDAY.test(normalizeText(name))) continue;
    names.push(name);
  }
  return names;
}

function isLeadingNoise(words: readonly string[], sentenceStart: boolean): boolean {
  const first = normalizeText(words[0] ?? '');
  if (STOPWORDS.has(first) || MONTH_OR_WEEKDAY.test(first) || TITLE.test(first))
    return words.length > 1 || sentenceStart;
  // "Chinese President Xi": a nationality before a title.
  return words.length > 2 && NATIONALITY.test(first) && TITLE.test(normalizeText(words[1] ?? ''));
}

/** "the European Central Bank (ECB)" → ["European Central Bank", "ECB"], when the initials fit. */
export function findAcronymDefinitions(text: string): string[][] {
  const pairs: string[][] = [];
  for (const match of text.matchAll(ACRONYM_DEFINITION)) {
    const acronym = match[1] ?? '';
    const before = text.slice(Math.max(0, match.index - 120), match.index).trimEnd();
    const words = before.split(/\s+/);
    const letters = acronym.replace(/[^\p{Lu}]/gu, '');
    // Take capitalised words back from the parenthesis until there are as many as the acronym has letters.
    const taken: string[] = [];
    for (let i = words.length - 1; i >= 0 && taken.filter(isCapitalised).length < letters.length; i -= 1) {
      const word = words[i] ?? '';
      if (!isCapitalised(word) && !/^(?:of|and|for|the|de|on)$/.test(word)) break;
      taken.unshift(word);
    }
    while (taken.length > 0 && !isCapitalised(taken[0] ?? '')) taken.shift();
    const initials = taken.filter(isCapitalised).map((w) => w.charAt(0).toUpperCase());
    if (initials.length < 2 || initials[0] !== letters.charAt(0)) continue;
    pairs.push([taken.join(' ').replace(/[,;:]$/, ''), acronym]);
  }
  return pairs;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Letters and digits only, folded: "Rolls-Royce", "Rolls Royce" and "rollsroyce" are one key. */
export function compress(name: string): string {
  return normalizeText(name).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * `compress(text)`, kept: every `about` query folds the same passages and events again, and folding (NFKD, marks
 * stripped) costs more than looking a string up. Bounded, so a growing library cannot make it grow without end.
 */
const folded = new Map<string, string>();
const MAX_FOLDED = 200_000;

function foldedText(text: string): string {
  let value = folded.get(text);
  if (value === undefined) {
    if (folded.size >= MAX_FOLDED) folded.clear();
    value = compress(text);
    folded.set(text, value);
  }
  return value;
}

/** Every name `name` goes by: itself and the members of every group that holds it. */
export function namesOf(name: string, lexicon?: EntityLexicon): string[] {
  const key = compress(name);
  const variants = new Map([[key, name]]);
  for (const group of lexicon?.groups ?? []) {
    if (!group.some((member) => compress(member) === key)) continue;
    for (const member of group) if (!variants.has(compress(member))) variants.set(compress(member), member);
  }
  return [...variants.values()];
}

interface WordToken {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  readonly capital: boolean;
  readonly upper: boolean;
}

/**
 * A test for whether a text names `name` (or one of its other names). Matches whole words, ignoring case,
 * diacritics, spaces and hyphens. With the library's lexicon, an acronym it writes in capitals must be written so
 * ("US", not "us"), and a name it writes with a capital must be capitalised ("Apple", not "apple").
 */
export function entityMatcher(name: string, lexicon?: EntityLexicon): (text: string) => boolean {
  const variants = namesOf(name, lexicon)
    .map((variant) => ({
      key: compress(variant),
      acronym: lexicon?.acronyms.has(compress(variant)) ?? false,
      proper: lexicon?.proper.has(compress(variant)) ?? false,
    }))
    .filter((v) => v.key !== '');
  if (variants.length === 0) return () => true;
  return (text) => {
    // Most texts hold none of the names: a substring test on the folded text rules them out before tokenising.
    const folded = foldedText(text);
    if (!variants.some((variant) => folded.includes(variant.key))) return false;
    const tokens = wordTokens(text);
    return variants.some((variant) =>
      tokens.some((_, i) => {
        const end = matchAt(text, tokens, i, variant.key);
        if (end === undefined) return false;
        const first = tokens[i];
        if (variant.acronym && !tokens.slice(i, end + 1).every((t) => t.upper)) return false;
        if (variant.proper && !first?.capital) return false;
        return !continuesAsAnotherName(text, tokens, end);
      }),
    );
  };
}

function wordTokens(text: string): WordToken[] {
  return [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({
    norm: normalizeText(m[0]).replace(/[^\p{L}\p{N}]/gu, ''),
    start: m.index,
    end: m.index + m[0].length,
    capital: /^\p{Lu}|^\p{N}/u.test(m[0]),
    upper: !/\p{Ll}/u.test(m[0]),
  }));
}

/** The index of the last token of `key` written from token `i` on, joined by nothing, spaces or hyphens. */
function matchAt(text: string, tokens: readonly WordToken[], i: number, key: string): number | undefined {
  let joined = '';
  for (let j = i; j < tokens.length; j += 1) {
    const token = tokens[j];
    if (!token) return undefined;
    if (j > i && !/^[\s\-\u2010-\u2014.]*$/.test(text.slice(tokens[j - 1]?.end ?? 0, token.start))) return undefined;
    joined += token.norm;
    if (joined === key) return j;
    if (!key.startsWith(joined)) return undefined;
  }
  return undefined;
}

/** "Tesla Model 3", "Nobel Prize": the capitalised words after the match make it another thing. */
function continuesAsAnotherName(text: string, tokens: readonly WordToken[], end: number): boolean {
  const next = tokens[end + 1];
  const last = tokens[end];
  if (!next || !last || !/^ $/.test(text.slice(last.end, next.start)) || !next.capital) return false;
  if (SAME_THING_SUFFIX.test(next.norm)) return false;
  return OTHER_THING_HEAD.test(next.norm) || /\d/.test(next.norm);
}
