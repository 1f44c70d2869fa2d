import { lowerBound } from './lower-bound.js';

/**
 * Spelling-tolerant lookup of a word in the vocabulary, in time that does not grow with the vocabulary:
 * every word is indexed under the strings made by deleting one of its characters (symmetric delete, as SymSpell
 * does), and a query word looks up its own deletes. Candidates are then checked with a real edit distance.
 */

/** How many edits a word of this length may carry and still be the word meant. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    let best = row[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, prevPrev[j - 2]! + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1]!;
}

/** 32-bit FNV-1a of `word` without its character at `skip` (-1: the whole word): the hash of one of its deletes. */
function hashWithout(word: string, skip: number): number {
  let hash = 2_166_136_261;
  for (let i = 0; i < word.length; i++) {
    if (i === skip) continue;
    hash = Math.imul(hash ^ word.charCodeAt(i), 16_777_619);
  }
  return hash >>> 0;
}

/** Whether deleting one character of `word` gives `key`. */
function isDeleteOf(word: string, key: string): boolean {
  if (word.length !== key.length + 1) return false;
  let i = 0;
  while (i < key.length && word.charCodeAt(i) === key.charCodeAt(i)) i++;
  for (let j = i; j < key.length; j++) if (word.charCodeAt(j + 1) !== key.charCodeAt(j)) return false;
  return true;
}

/**
 * How a delete is packed into one number: the delete's hash (high bits) and the word's id (low bits) share a
 * double's 53 exact bits; with more words the hash keeps fewer bits (more collisions, each rejected by `isDeleteOf`).
 */
function deletePacking(wordCount: number): { idBits: number; hashShift: number } {
  const idBits = Math.max(1, Math.ceil(Math.log2(wordCount + 1)));
  return { idBits, hashShift: Math.max(0, 32 - (53 - idBits)) };
}

/** Every delete of every word of `words`, packed (see `deletePacking`) and sorted: the typo index's table. */
export function typoDeletes(words: readonly string[]): Float64Array<ArrayBuffer> {
  const { idBits, hashShift } = deletePacking(words.length);
  const idScale = 2 ** idBits;
  const hashScale = 2 ** hashShift;
  let total = 0;
  for (const word of words) total += word.length;
  const packed = new Float64Array(total);
  let count = 0;
  words.forEach((word, id) => {
    if (allowedEdits(word.length + 1) === 0) return;
    for (let i = 0; i < word.length; i++) {
      // Deleting any letter of a run of equal letters gives the same string: index it once.
      if (i > 0 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue;
      packed[count++] = Math.floor(hashWithout(word, i) / hashScale) * idScale + id;
    }
  });
  return packed.slice(0, count).sort();
}

export class FuzzyVocabulary {
  /** Each word's id: its place in `words`. */
  private readonly exact: ReadonlyMap<string, number>;
  /**
   * Every delete of every word, as one number: the delete's hash (high bits) and the word's id (low bits), sorted.
   * A Map from each delete string to its words held millions of strings and arrays for a large library (hundreds
   * of MB at 100,000 passages); this holds 8 bytes per delete. A lookup finds a hash's run by binary search and
   * checks each word really has that delete, so hash collisions never add a word, and words come out in id order
   * as the Map's lists had them.
   */
  private readonly deletes: Float64Array;
  private readonly idBits: number;
  private readonly hashShift: number;
  /** No word longer than the longest one plus the allowed edits can be a misspelling of one. */
  private readonly longest: number;

  /**
   * `ids`, when given, maps each word to its place in `words` (the caller's own map, not copied); `deletes`, when
   * given, is `typoDeletes(words)` made elsewhere (a worker thread, see parallel-build.ts).
   */
  constructor(
    private readonly words: readonly string[],
    ids?: ReadonlyMap<string, number>,
    deletes?: Float64Array,
  ) {
    this.exact = ids ?? new Map(words.map((word, id) => [word, id]));
    const packing = deletePacking(words.length);
    this.idBits = packing.idBits;
    this.hashShift = packing.hashShift;
    this.longest = words.reduce((max, word) => Math.max(max, word.length), 0);
    this.deletes = deletes ?? typoDeletes(words);
  }

  /** Ids of the words that have `key` as one of their deletes, in ascending order. */
  private wordsWithDelete(key: string, visit: (id: number) => void): void {
    const idScale = 2 ** this.idBits;
    const low = Math.floor(hashWithout(key, -1) / 2 ** this.hashShift) * idScale;
    const high = low + idScale;
    for (let i = lowerBound(this.deletes, low); i < this.deletes.length && this.deletes[i]! < high; i++) {
      const id = this.deletes[i]! - low;
      if (isDeleteOf(this.words[id]!, key)) visit(id);
    }
  }

  /** Words within the allowed edit distance of `word`, nearest first; the word itself is not included. */
  lookup(word: string, maxEdits = allowedEdits(word.length)): { id: number; distance: number }[] {
    // The two-edit probe costs the cube of the word's length: a 1,000-letter "word" would block the process for seconds.
    if (maxEdits === 0 || word.length > this.longest + maxEdits) return [];
    const candidates = new Set<number>();
    const add = (id: number): void => {
      candidates.add(id);
    };
    const probe = (key: string): void => {
      const id = this.exact.get(key);
      if (id !== undefined) candidates.add(id);
      this.wordsWithDelete(key, add);
    };
    // The query's deletes meet the indexed words and their deletes: up to two edits in all.
    const first = deletes(word);
    for (const key of first) probe(key);
    probe(word);
    if (maxEdits >= 2)
      for (const key of first)
        for (const second of deletes(key)) {
          const id = this.exact.get(second);
          if (id !== undefined) candidates.add(id);
        }

    const found: { id: number; distance: number }[] = [];
    for (const id of candidates) {
      const candidate = this.words[id]!;
      if (candidate === word) continue;
      const distance = editDistance(word, candidate, maxEdits);
      if (distance <= maxEdits) found.push({ id, distance });
    }
    return found.sort((a, b) => a.distance - b.distance);
  }
}

/**
 * fuse.js's options for re-ranking (see SearchIndex): a match anywhere in the text, with at most a third of the
 * pattern wrong, and at least three characters in a row matched.
 */
const BITAP_OPTIONS: Readonly<{ threshold: number; minMatchCharLength: number }> = Object.freeze({
  threshold: 0.34,
  minMatchCharLength: 3,
});

/** Scratch space for `bitapScore`, reused by every call: re-ranking scores hundreds of sentences per query. */
let rows = [new Int32Array(256), new Int32Array(256)] as const;
let matchMask = new Uint8Array(256);
const alphabet = new Int32Array(65_536);

/**
 * Whether `text` can hold `pattern` with as many errors as `threshold` allows (a share of the pattern's length). A
 * match with k errors (insertions, deletions, substitutions) leaves at least one of k + 1 pieces of the pattern
 * untouched, so if no piece occurs verbatim there is no match: a few `indexOf` calls spare most sentences the
 * Bitap scan. Never rejects a text that Bitap would match; may accept one it will not.
 */
function mayMatch(pattern: string, text: string, threshold: number): boolean {
  const length = pattern.length;
  let errors = 0;
  while ((errors + 1) / length <= threshold) errors++;
  const pieces = errors + 1;
  for (let k = 0; k < pieces; k++) {
    const piece = pattern.slice(Math.floor((k * length) / pieces), Math.floor(((k + 1) * length) / pieces));
    if (text.includes(piece)) return true;
  }
  return false;
}

/**
 * Score of fuse.js 7's Bitap search of `pattern` (at most 32 characters) in `text`, as
 * `new Fuse(texts, { ignoreLocation: true, threshold: 0.34, minMatchCharLength: 3 })` computes it for one text:
 * 0 (exact) to 1, or undefined for no match. A port, line by line, of fuse.js's `search` for these options with
 * typed arrays in place of fresh arrays and an object alphabet: it gives the same numbers at a fraction of the
 * cost, which matters when a query scores every sentence of thirty passages for every one of its words.
 */
export function bitapScore(pattern: string, text: string): number | undefined {
  const { threshold, minMatchCharLength } = BITAP_OPTIONS;
  // Fuse's BitapSearch.searchIn: case folded, an identical text is an exact match.
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  if (p === t) return t.length < minMatchCharLength ? undefined : 0;
  const patternLen = p.length;
  const textLen = t.length;
  if (patternLen === 0 || patternLen > 32) return undefined;
  if (!mayMatch(p, t, threshold)) return undefined;

  for (let i = 0; i < patternLen; i++) alphabet[p.charCodeAt(i)]! |= 1 << (patternLen - i - 1);
  if (matchMask.length < textLen) matchMask = new Uint8Array(textLen * 2);
  else matchMask.fill(0, 0, textLen);
  const width = textLen + patternLen + 2;
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2)];

  // With `ignoreLocation` a match's score is its share of errors, wherever it is.
  let currentThreshold = threshold;
  let bestLocation = 0;
  let index: number;
  while ((index = t.indexOf(p, bestLocation)) > -1) {
    currentThreshold = Math.min(0, currentThreshold);
    bestLocation = index + patternLen;
    for (let i = 0; i < patternLen; i++) matchMask[index + i] = 1;
  }

  bestLocation = -1;
  let finalScore = 1;
  let bestErrors = 0;
  const mask = 1 << (patternLen - 1);
  // Fuse narrows the scanned window by location; ignoring location, it always scans the whole text (from position
  // `finish` down to 1), so the window is fixed here.
  const finish = textLen + patternLen;
  let [bits, lastBits] = rows;
  for (let errors = 0; errors < patternLen; errors++) {
    bits[finish + 1] = (1 << errors) - 1;
    for (let j = finish; j >= 1; j--) {
      const location = j - 1;
      const charMatch = location < textLen ? alphabet[t.charCodeAt(location)]! : 0;
      let value = ((bits[j + 1]! << 1) | 1) & charMatch;
      if (errors > 0) value |= ((lastBits[j + 1]! | lastBits[j]!) << 1) | 1 | lastBits[j + 1]!;
      bits[j] = value;
      if (value & mask) {
        finalScore = errors / patternLen;
        if (finalScore <= currentThreshold) {
          currentThreshold = finalScore;
          bestLocation = location;
          bestErrors = errors;
          if (bestLocation <= 0) break;
        }
      }
    }
    if ((errors + 1) / patternLen > currentThreshold) break;
    [bits, lastBits] = [lastBits, bits];
  }

  let isMatch = bestLocation >= 0;
  if (isMatch) {
    const matchEnd = Math.min(textLen - 1, bestLocation + patternLen - 1 + bestErrors);
    for (let k = bestLocation; k <= matchEnd; k++) if (alphabet[t.charCodeAt(k)]) matchMask[k] = 1;
  }
  for (let i = 0; i < patternLen; i++) alphabet[p.charCodeAt(i)] = 0;
  if (!isMatch) return undefined;
  // fuse.js keeps a match only if some run of matched characters is `minMatchCharLength` long.
  let run = 0;
  isMatch = false;
  for (let k = 0; k < textLen && !isMatch; k++) {
    run = matchMask[k] ? run + 1 : 0;
    if (run >= minMatchCharLength) isMatch = true;
  }
  return isMatch ? Math.max(0.001, finalScore) : undefined;
}

/** fuse.js's field-length norm of a text: 1/√(words), words split on white space, rounded to three decimals. */
export function fieldNorm(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 9 && code <= 13) || code === 32 || code === 160)) {
      if (!inWord) {
        words++;
        inWord = true;
      }
    } else inWord = false;
  }
  return Math.round(1_000 / Math.pow(Math.max(words, 1), 0.5)) / 1_000;
}
