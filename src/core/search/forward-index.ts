import {
  ASCII_CLASSES,
  FNV_OFFSET_BASIS,
  FNV_PRIME,
  contentTokens,
  isStopword,
  mayContinueNumber,
  nextWordStart,
  stemWord,
  surfaceOf,
  wordEnd,
} from '../normalize.js';

/**
 * The part of building a search index that reads every word of the library: the forward index (each passage's
 * distinct terms with their counts) and the vocabulary of terms and surface words it interns along the way.
 * Kept apart from `SearchIndex` so that a worker thread can build part of it (see parallel-build.ts): nothing
 * here holds more than strings and typed arrays.
 */

/**
 * The terms of a library (stems, ids in order of first meeting) and the surface words that map to them. Term ids
 * are fixed by the order in which words are met, so building the same passages in the same order always gives
 * the same ids; a part built elsewhere is folded in by `intern`ing its surfaces in its own order.
 */
export class TermVocabulary {
  readonly termIds = new Map<string, number>();
  readonly terms: string[] = [];
  /** Surface words in order of first meeting; a surface's id is its place here... */
  readonly surfaces: string[] = [];
  readonly surfaceIds = new Map<string, number>();
  /** ...and `surfaceTerms[id]` its term. */
  readonly surfaceTerms: number[] = [];

  get termCount(): number {
    return this.terms.length;
  }

  /** The id of `term` (the stem of `surface`), interning both if new. */
  intern(surface: string, term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    if (!this.surfaceIds.has(surface)) {
      this.surfaceIds.set(surface, this.surfaces.length);
      this.surfaces.push(surface);
      this.surfaceTerms.push(id);
    }
    return id;
  }

  /** The term of a surface word, if the library has it. */
  termOf(surface: string): number | undefined {
    const id = this.surfaceIds.get(surface);
    return id === undefined ? undefined : this.surfaceTerms[id];
  }

  /** The term id of a word's surface as it occurs in a passage, interning it if new; -1 for a stopword. */
  termOfSurface(surface: string): number {
    if (isStopword(surface)) return -1;
    return this.termOf(surface) ?? this.intern(surface, stemWord(surface));
  }
}

export interface ForwardIndex {
  /**
   * Passage `d`'s entries are `docStart[d]` to `docStart[d + 1]` of `docTerms` and `docTfs`, each term once, in the
   * order the passage first uses them (context terms last). Unsorted: nothing reads them by term (scoring spreads
   * a passage's entries into an array indexed by term), and an order fixed by the text alone lets a worker's part
   * be joined by mapping its ids, without sorting again.
   */
  readonly docStart: Uint32Array<ArrayBuffer>;
  readonly docTerms: Uint32Array<ArrayBuffer>;
  readonly docTfs: Float32Array<ArrayBuffer>;
  /** Words in each passage, stopwords left out (at least 1). */
  readonly docLength: Float32Array<ArrayBuffer>;
}

/**
 * The inverted form of a forward index: for each term, the passages that hold it, ascending. Without counts:
 * candidates are gathered by rarity alone, and scored from the forward index.
 */
export interface Postings {
  /** Passages that hold each term. */
  readonly df: Uint32Array<ArrayBuffer>;
  /** Term `t`'s postings are `postStart[t]` to `postStart[t + 1]` of `postDocs`. */
  readonly postStart: Uint32Array<ArrayBuffer>;
  readonly postDocs: Uint32Array<ArrayBuffer>;
}

/** Inverts a forward index by a counting sort on term: passages come out in ascending order for free. */
export function invertForward(forward: ForwardIndex, termCount: number): Postings {
  const { docStart, docTerms } = forward;
  const docs = forward.docLength.length;
  const entries = docTerms.length;
  const df = new Uint32Array(termCount);
  for (let i = 0; i < entries; i++) df[docTerms[i]!]! += 1;
  const postStart = new Uint32Array(termCount + 1);
  for (let id = 0; id < termCount; id++) postStart[id + 1] = postStart[id]! + df[id]!;
  const fill = postStart.slice(0, termCount);
  const postDocs = new Uint32Array(entries);
  for (let doc = 0; doc < docs; doc++) {
    for (let i = docStart[doc]!; i < docStart[doc + 1]!; i++) {
      const id = docTerms[i]!;
      postDocs[fill[id]!] = doc;
      fill[id]! += 1;
    }
  }
  return { df, postStart, postDocs };
}

/** What the forward index is built from: plain strings, so that it can be posted to a worker thread. */
export interface ForwardInput {
  /** Each passage's text, in library order. */
  readonly texts: readonly string[];
  /** Each distinct context (an article's title and a section heading, one line each)... */
  readonly contexts: readonly string[];
  /** ...and the one of each passage, as an index into `contexts`. */
  readonly contextOf: Uint32Array<ArrayBuffer>;
  /** Weight of a word of the context (a word of the passage weighs 1). */
  readonly contextTf: number;
}

/**
 * The key of an ASCII word as the build reads it: an FNV-1a hash of its lower-cased characters, and its first
 * eight characters packed seven bits each into two integers (`low`: characters 1 to 4, `high`: 5 to 8). A word of
 * up to eight characters is told from every other by its packs and length alone, so finding it needs no
 * comparison of characters. Lower-casing is `| 32`: exact for the characters a word holds (ASCII letters and
 * digits, and `.` or `,` inside numbers), whose bit 5 is set already unless they are upper-case letters.
 */
class AsciiKey {
  /** FNV-1a's constants (normalize.ts), the basis as a signed 32-bit integer, as `Math.imul` gives hashes. */
  static readonly SEED = FNV_OFFSET_BASIS | 0;
  static readonly PRIME = FNV_PRIME;
  hash = 0;
  low = 0;
  high = 0;

  /** Reads the word from `start` to `end` of `text`; false (and no key) if one of its characters is not ASCII. */
  read(text: string, start: number, end: number): boolean {
    let hash = AsciiKey.SEED;
    let low = 0;
    let high = 0;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) return false;
      const lower = code | 32;
      hash = Math.imul(hash ^ lower, AsciiKey.PRIME);
      const at = i - start;
      if (at < 4) low = (low << 7) | lower;
      else if (at < 8) high = (high << 7) | lower;
    }
    this.hash = hash === 0 ? 1 : hash;
    this.low = low;
    this.high = high;
    return true;
  }
}

/**
 * What the words of passages map to while the index is built (a term id, or -1 for a stopword), found from the
 * characters of each word in the text without making a string for it. Indexing 100,000 passages reads ten million
 * words; a string, a normalisation and two Map lookups for each cost more than all the rest of the build. Holds
 * ASCII words only, lower-cased as their surface is; other words take the general path. Open addressing over one
 * Int32Array of four numbers a slot: the hash (0: empty), the value, and the word itself: for a word of up to
 * eight characters its two packs (the length folded into the second), for a longer one the offset of its
 * characters in a byte pool and its length, negated. Most words are short: a lookup reads one slot and compares
 * numbers.
 */
class AsciiWordTable {
  static readonly MISSING = -2;
  private slots = new Int32Array(4 << 16);
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  private size = 0;

  /** The value held for the word from `start` to `end` of `text` (whose key `hash`, `low`, `high` are), or `MISSING`. */
  get(text: string, start: number, end: number, hash: number, low: number, high: number): number {
    const length = end - start;
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    if (length <= 8) {
      const packed = AsciiWordTable.packedHigh(high, length);
      for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
        const at = slot << 2;
        const held = slots[at]!;
        if (held === 0) return AsciiWordTable.MISSING;
        if (held === hash && slots[at + 3] === packed && slots[at + 2] === low) return slots[at + 1]!;
      }
    }
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const held = slots[at]!;
      if (held === 0) return AsciiWordTable.MISSING;
      if (held !== hash || slots[at + 3] !== -length) continue;
      const offset = slots[at + 2]!;
      let i = 0;
      while (i < length && (text.charCodeAt(start + i) | 32) === this.pool[offset + i]) i += 1;
      if (i === length) return slots[at + 1]!;
    }
  }

  /** Holds `value` for the word from `start` to `end` of `text`, which `get` just reported missing. */
  set(text: string, start: number, end: number, hash: number, low: number, high: number, value: number): void {
    const length = end - start;
    let word: number;
    let rest: number;
    if (length <= 8) {
      word = low;
      rest = AsciiWordTable.packedHigh(high, length);
    } else {
      if (this.poolUsed + length > this.pool.length) {
        const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
        grown.set(this.pool);
        this.pool = grown;
      }
      word = this.poolUsed;
      for (let i = 0; i < length; i++) this.pool[word + i] = text.charCodeAt(start + i) | 32;
      this.poolUsed += length;
      rest = -length;
    }
    // Kept at most half full, so probes stay short.
    if ((this.size + 1) * 2 > this.slots.length >> 2) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      for (let at = 0; at < old.length; at += 4)
        if (old[at] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
    this.place(hash, value, word, rest);
    this.size += 1;
  }

  /** The second pack with the length (1 to 8) in its top bits: 28 bits of characters, 3 of length, never negative. */
  private static packedHigh(high: number, length: number): number {
    return ((length - 1) << 28) | high;
  }

  private place(hash: number, value: number, word: number, rest: number): void {
    const mask = (this.slots.length >> 2) - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (this.slots[slot << 2] !== 0) slot = (slot + 1) & mask;
    const at = slot << 2;
    this.slots[at] = hash;
    this.slots[at + 1] = value;
    this.slots[at + 2] = word;
    this.slots[at + 3] = rest;
  }
}

/**
 * Each passage's distinct terms with their counts (context terms weigh `contextTf`), as `tokenize` and a Map per
 * passage would give them, and in the same order of first meeting each word (which fixes term ids). One plain loop
 * over typed arrays: this is the part of the build that reads every word of the library. Counts gather in one
 * array indexed by term, reset after each passage; a term whose count is still 0 is new to the passage (a word
 * weighs 1, and context terms come last, once each) and its id goes straight into the forward index.
 */
export function buildForwardIndex(input: ForwardInput, vocabulary: TermVocabulary): ForwardIndex {
  const { texts, contexts, contextOf, contextTf } = input;
  const docStart = new Uint32Array(texts.length + 1);
  const docLength = new Float32Array(texts.length);
  let docTerms = new Uint32Array(Math.max(1_024, texts.length * 64));
  let docTfs = new Float32Array(docTerms.length);
  // Float32 is exact here (counts of words plus halves, far below 2^24) and halves the memory a lookup touches.
  let counts = new Float32Array(1_024);
  let cursor = 0;
  const asciiWords = new AsciiWordTable();
  const key = new AsciiKey();
  const contextCache = new Map<string, number[]>();
  let contextKey = -1;
  let context: readonly number[] = [];

  for (let doc = 0; doc < texts.length; doc++) {
    const text = texts[doc]!;
    const textLength = text.length;
    docStart[doc] = cursor;
    let length = 0;
    for (let i = 0; i < textLength;) {
      // The common case in one pass: a word of ASCII letters and digits, its key made as it is scanned (what
      // `AsciiKey.read` does, written out here: finding the word's end first and reading it again measured 15-25%
      // slower). A word that goes on past them (a non-ASCII letter, `2.6`) is measured again by the general rules
      // (`wordEnd` of normalize.ts, beside the regular expression it follows).
      let code = text.charCodeAt(i);
      let start: number;
      let end: number;
      let hash = 0;
      let low = 0;
      let high = 0;
      if (code < 128) {
        if (ASCII_CLASSES[code] === 0) {
          i += 1;
          continue;
        }
        start = i;
        hash = AsciiKey.SEED;
        do {
          const lower = code | 32;
          hash = Math.imul(hash ^ lower, AsciiKey.PRIME);
          const at = i - start;
          if (at < 4) low = (low << 7) | lower;
          else if (at < 8) high = (high << 7) | lower;
          i += 1;
          if (i === textLength) break;
          code = text.charCodeAt(i);
        } while (code < 128 && ASCII_CLASSES[code] !== 0);
        end = i;
        if (end < textLength && (code >= 128 || ((code === 46 || code === 44) && mayContinueNumber(text, end + 1)))) {
          end = wordEnd(text, start);
          hash = key.read(text, start, end) ? key.hash : 0;
          low = key.low;
          high = key.high;
        } else if (hash === 0) hash = 1;
      } else {
        start = nextWordStart(text, i);
        if (start === textLength) break;
        end = wordEnd(text, start);
        if (key.read(text, start, end)) {
          hash = key.hash;
          low = key.low;
          high = key.high;
        }
      }
      i = end;
      let id = hash === 0 ? AsciiWordTable.MISSING : asciiWords.get(text, start, end, hash, low, high);
      if (id === AsciiWordTable.MISSING) {
        const surface = surfaceOf(text.slice(start, end));
        id = surface.length === 0 ? -1 : vocabulary.termOfSurface(surface);
        if (hash !== 0) asciiWords.set(text, start, end, hash, low, high, id);
      }
      if (id < 0) continue;
      length += 1;
      if (id >= counts.length) counts = grownCounts(counts, id + 1);
      if (counts[id] === 0) {
        if (cursor === docTerms.length) [docTerms, docTfs] = grownForward(docTerms, docTfs);
        docTerms[cursor++] = id;
      }
      counts[id]! += 1;
    }
    // Passages of one section share their context: it is looked up once per section, not once per passage.
    if (contextOf[doc] !== contextKey) {
      contextKey = contextOf[doc]!;
      const text = contexts[contextKey]!;
      let terms = contextCache.get(text);
      if (!terms) {
        terms = [...new Set(contentTokens(text).map((t) => vocabulary.intern(t.surface, t.term)))];
        contextCache.set(text, terms);
      }
      context = terms;
    }
    for (const id of context) {
      if (id >= counts.length) counts = grownCounts(counts, id + 1);
      if (counts[id] === 0) {
        if (cursor === docTerms.length) [docTerms, docTfs] = grownForward(docTerms, docTfs);
        docTerms[cursor++] = id;
      }
      counts[id]! += contextTf;
    }
    docLength[doc] = Math.max(length, 1);
    for (let i = docStart[doc]!; i < cursor; i++) {
      const id = docTerms[i]!;
      docTfs[i] = counts[id]!;
      counts[id] = 0;
    }
  }
  docStart[texts.length] = cursor;
  return { docStart, docTerms: docTerms.slice(0, cursor), docTfs: docTfs.slice(0, cursor), docLength };
}

function grownCounts(array: Float32Array<ArrayBuffer>, atLeast: number): Float32Array<ArrayBuffer> {
  const grown = new Float32Array(Math.max(atLeast, array.length * 2));
  grown.set(array);
  return grown;
}

function grownForward(
  terms: Uint32Array<ArrayBuffer>,
  tfs: Float32Array<ArrayBuffer>,
): [Uint32Array<ArrayBuffer>, Float32Array<ArrayBuffer>] {
  const grownTerms = new Uint32Array(terms.length * 2);
  grownTerms.set(terms);
  const grownTfs = new Float32Array(grownTerms.length);
  grownTfs.set(tfs);
  return [grownTerms, grownTfs];
}
