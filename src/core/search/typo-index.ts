import { FNV_OFFSET_BASIS, FNV_PRIME } from '../normalize.js';
import { lowerBound } from './lower-bound.js';

/**
 * Spelling-tolerant lookup of a word in the vocabulary, in time that does not grow with the vocabulary:
 * every word is indexed under the strings made by deleting one of its characters (symmetric delete, as SymSpell
 * does), and a query word looks up its own deletes. Candidates are then checked with a real edit distance.
 * This finds the library words a query word may be a typo of (query parsing); fuse.js, which scans texts, is for
 * re-ranking and small collections.
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
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < word.length; i++) {
    if (i === skip) continue;
    hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
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

/** The typo index of a vocabulary: its words within one or two edits of a word, found by their deletes. */
export class TypoIndex {
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
