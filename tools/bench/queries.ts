import type { EvalQuestion } from '../eval/metrics.js';
import { allowedEdits } from '../../src/core/search/typo-index.js';
import { type Random, createRandom, deriveSeed } from './random.js';

/** One query of the benchmark: an eval question or a misspelt variant of it, with the question's expected phrases. */
export interface BenchQuery {
  readonly text: string;
  readonly expect: readonly string[];
  /** Index of the eval question it comes from. */
  readonly question: number;
}

/** Keys next to each other on a QWERTY keyboard: the typos people actually make. */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qsz',
  b: 'vgn',
  c: 'xdv',
  d: 'sfe',
  e: 'wrd',
  f: 'dgr',
  g: 'fht',
  h: 'gjy',
  i: 'uok',
  j: 'hku',
  k: 'jli',
  l: 'kop',
  m: 'nj',
  n: 'bmh',
  o: 'ipl',
  p: 'ol',
  q: 'wa',
  r: 'eft',
  s: 'adw',
  t: 'rgy',
  u: 'yij',
  v: 'cbf',
  w: 'qes',
  x: 'zcs',
  y: 'tuh',
  z: 'xa',
};

/** One typing slip inside a word: a letter dropped, doubled, swapped with the next, or a neighbouring key hit. */
function typo(word: string, random: Random): string {
  // The first letter is left alone: people rarely get it wrong, and prefix search depends on it.
  const at = random.int(1, word.length - 1);
  const letter = word[at]!;
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + letter + word.slice(at);
    case 2:
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1]! + letter + word.slice(at + 2)
        : word.slice(0, at) + word.slice(at + 1);
    default: {
      const keys = NEIGHBOURS[letter.toLowerCase()];
      if (!keys) return word.slice(0, at) + word.slice(at + 1);
      const key = random.pick([...keys]);
      return word.slice(0, at) + (letter === letter.toUpperCase() ? key.toUpperCase() : key) + word.slice(at + 1);
    }
  }
}

/**
 * A misspelling of `word` within what search promises to forgive for its length (one slip up to six letters, two
 * beyond): a benchmark of typos search is not meant to catch would measure nothing.
 */
export function misspell(word: string, random: Random): string {
  const edits = Math.min(allowedEdits(word.length), random.int(1, 2));
  let out = word;
  for (let i = 0; i < edits; i++) out = typo(out, random);
  return out;
}

/** Ways to vary a question too short to misspell ("BRI"): what people type around a keyword. */
const REPHRASINGS: readonly ((q: string) => string)[] = [
  (q) => q.toLowerCase(),
  (q) => `${q}?`,
  (q) => `what is ${q}`,
  (q) => `tell me about ${q}`,
  (q) => q.toUpperCase(),
  (q) => `${q} belarus`,
];

/** A variant of `text` with one or two of its longer words misspelt, or rephrased if none can be. */
function variantOf(text: string, random: Random, attempt: number): string {
  const words = text.split(' ');
  const candidates = words
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => /^\p{L}+$/u.test(w) && allowedEdits(w.length) > 0);
  if (candidates.length === 0) return REPHRASINGS[attempt % REPHRASINGS.length]!(text);
  const count = Math.min(candidates.length, random.int(1, 2));
  for (let k = 0; k < count; k++) {
    const { w, i } = random.pick(candidates);
    words[i] = misspell(w, random);
  }
  return words.join(' ');
}

/**
 * The eval questions followed by `variants` misspelt variants of each, distinct where possible. Deterministic:
 * the same questions and seed give the same list.
 */
export function buildQueries(questions: readonly EvalQuestion[], variants: number, seed = 1): BenchQuery[] {
  const random = createRandom(deriveSeed(seed, 'queries'));
  const out: BenchQuery[] = questions.map((q, question) => ({ text: q.q, expect: q.expect, question }));
  questions.forEach((q, question) => {
    const seen = new Set([q.q]);
    for (let made = 0, attempt = 0; made < variants; attempt++) {
      const text = variantOf(q.q, random, attempt);
      // Short questions have few distinct slips; after a few tries a repeat is better than an endless loop.
      if (seen.has(text) && attempt < variants * 5) continue;
      seen.add(text);
      out.push({ text, expect: q.expect, question });
      made += 1;
    }
  });
  return out;
}

/** What autocomplete sees while `text` is typed: every prefix, one keystroke at a time (Discord sends each). */
export function keystrokePrefixes(text: string): string[] {
  const out: string[] = [];
  for (let end = 1; end <= text.length; end++) {
    const prefix = text.slice(0, end);
    if (prefix.trim() !== '') out.push(prefix);
  }
  return out;
}

/** `count` items spread evenly over `items` (all of them if there are fewer): a fair sample in the same order. */
export function spreadSample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, k) => items[Math.floor((k * items.length) / count)]!);
}
