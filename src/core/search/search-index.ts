import { contentTokens, isStopword, normalizeText, stemWord, tokenize } from '../normalize.js';
import type { Article, Passage } from '../types.js';
import { type Excerpt, selectExcerpt } from './excerpt.js';
import { isEnglishWord } from './dictionary.js';
import { FuzzyVocabulary, bitapScore, fieldNorm } from './fuzzy.js';

/**
 * The tuning of search in one place. Scores are relative; the thresholds are fractions of the query that a
 * passage covers, weighted by how rare each query word is (see docs/DESIGN.md).
 */
export const SEARCH_DEFAULTS = Object.freeze({
  /** BM25 term-frequency saturation and length normalisation. */
  k1: 1.2,
  b: 0.75,
  /** Weight of a word that occurs in the section heading or article title rather than the paragraph. */
  contextTf: 0.5,
  /** Weight of a match through a declared synonym, a misspelling (1 or 2 edits) or a word prefix. */
  aliasWeight: 0.85,
  fuzzyWeight: [1, 0.8, 0.6] as readonly number[],
  /** A correctly spelt English word the library lacks is probably not a typo of a library word. */
  realWordFuzzyFactor: 0.35,
  prefixWeight: 0.6,
  /**
   * A query word found in more than this share of passages (and in more than `commonFloor` passages) does not
   * pick candidates, only scores them: reading its long posting list would cost more than it tells.
   */
  commonShare: 0.2,
  commonFloor: 5_000,
  /** Candidates scored in full, then re-ranked by proximity and fuse.js. */
  fullScoreCandidates: 400,
  rerankCandidates: 30,
  /** Coverage at or above which a hit is labelled high / medium confidence; below `weakCoverage` the answer is "not covered". */
  highCoverage: 0.75,
  mediumCoverage: 0.5,
  weakCoverage: 0.45,
  maxPrefixExpansions: 30,
  maxFuzzyExpansions: 6,
});

export type Confidence = 'high' | 'medium' | 'low';

export interface SearchHit {
  readonly passage: Passage;
  readonly article: Article;
  readonly score: number;
  /** Share of the query (weighted by rarity) that this passage matches, 0 to 1. */
  readonly coverage: number;
  readonly confidence: Confidence;
  readonly excerpt: Excerpt;
}

/** Expected outcomes are values: an empty query, nothing found, only weak matches, or an answer. */
export type SearchOutcome =
  | { readonly kind: 'empty'; readonly query: string }
  | { readonly kind: 'no-match'; readonly query: string }
  | { readonly kind: 'weak'; readonly query: string; readonly hits: readonly SearchHit[] }
  | { readonly kind: 'answer'; readonly query: string; readonly hits: readonly SearchHit[] };

export interface SearchOptions {
  readonly limit?: number;
  /** Only passages of this article (its slug). */
  readonly article?: string;
  /** Treat the last word as unfinished (autocomplete): it matches every word it begins. */
  readonly prefixLast?: boolean;
  /** Skip the fuse.js and proximity re-ranking (autocomplete, where speed matters more than the last place). */
  readonly rerank?: boolean;
}

interface Alternative {
  readonly terms: readonly number[];
  readonly weight: number;
}

interface Slot {
  readonly alternatives: readonly Alternative[];
  /** Rarity of what the slot asks for; a word the library never uses counts as the rarest. */
  readonly idf: number;
  /** Surface words of the query behind this slot, for fuse.js. */
  readonly words: readonly string[];
}

interface AliasPhrase {
  readonly terms: readonly string[];
  readonly group: number;
}

function lowerBound(array: Uint32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function termsOf(text: string): string[] {
  return contentTokens(text).map((t) => t.term);
}

/** Character classes of the word pattern of normalize.ts (`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[.,]\p{N}+)*`). */
const LETTER = 1;
const MARK = 2;
const NUMBER = 4;
const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, code) =>
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
function wordEnd(text: string, start: number): number {
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
function mayContinueNumber(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 128 || (code >= 48 && code <= 57);
}

/** Where the next word at or after `from` starts (`text.length` if none). */
function nextWordStart(text: string, from: number): number {
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
 * Calls `visit` with the offsets of each word of `text`: exactly the spans `tokenize` matches
 * (`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[.,]\p{N}+)*`, greedy), found by a scan of character codes instead of a
 * Unicode regular expression, and without building a Token for each.
 */
function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  for (let start = nextWordStart(text, 0); start < text.length; ) {
    const end = wordEnd(text, start);
    visit(start, end);
    start = nextWordStart(text, end);
  }
}

/**
 * What the words of passages map to while the index is built (a term id, or -1 for a stopword), found from the
 * characters of each word in the text without making a string for it. Indexing 100,000 passages reads ten million
 * words; a string, a normalisation and two Map lookups for each cost more than all the rest of the build. Holds
 * ASCII words only, lower-cased as their surface is; other words take the general path. Open addressing over one
 * Int32Array (hash, value, offset and length of the word's characters in a byte pool), so a lookup touches two
 * places in memory rather than a Map entry, a string and its characters.
 */
class AsciiWordTable {
  static readonly MISSING = -2;
  private slots = new Int32Array(4 << 16);
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  private size = 0;

  /** FNV-1a over lower-cased character codes; 0 is kept for "not held" (a hash of 0 becomes 1). */
  static readonly SEED = -2_128_831_035;

  static mix(hash: number, code: number): number {
    return Math.imul(hash ^ (code >= 65 && code <= 90 ? code | 32 : code), 16_777_619);
  }

  /** The hash of the characters of `text` from `start` to `end`; 0 if one is not ASCII (such words are not held). */
  static hash(text: string, start: number, end: number): number {
    let hash = AsciiWordTable.SEED;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128) return 0;
      hash = AsciiWordTable.mix(hash, code);
    }
    return hash === 0 ? 1 : hash;
  }

  private slotOf(hash: number): number {
    return (hash ^ (hash >>> 15)) & (this.slots.length / 4 - 1);
  }

  /** The value held for the word from `start` to `end` of `text`, or `MISSING`. */
  get(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = this.slots.length / 4 - 1;
    for (let slot = this.slotOf(hash); ; slot = (slot + 1) & mask) {
      const at = slot * 4;
      const held = this.slots[at]!;
      if (held === 0) return AsciiWordTable.MISSING;
      if (held !== hash || this.slots[at + 3] !== length) continue;
      const offset = this.slots[at + 2]!;
      let i = 0;
      while (i < length) {
        let code = text.charCodeAt(start + i);
        if (code >= 65 && code <= 90) code |= 32;
        if (code !== this.pool[offset + i]) break;
        i += 1;
      }
      if (i === length) return this.slots[at + 1]!;
    }
  }

  /** Holds `value` for the word from `start` to `end` of `text`, which `get` just reported missing. */
  set(text: string, start: number, end: number, hash: number, value: number): void {
    const length = end - start;
    if (this.poolUsed + length > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + length));
      grown.set(this.pool);
      this.pool = grown;
    }
    const offset = this.poolUsed;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(start + i);
      this.pool[offset + i] = code >= 65 && code <= 90 ? code | 32 : code;
    }
    this.poolUsed += length;
    // Kept at most half full, so probes stay short.
    if ((this.size + 1) * 2 > this.slots.length / 4) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      for (let at = 0; at < old.length; at += 4) if (old[at] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
    this.place(hash, value, offset, length);
    this.size += 1;
  }

  private place(hash: number, value: number, offset: number, length: number): void {
    const mask = this.slots.length / 4 - 1;
    let slot = this.slotOf(hash);
    while (this.slots[slot * 4] !== 0) slot = (slot + 1) & mask;
    this.slots.set([hash, value, offset, length], slot * 4);
  }
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * `normalizeText`, with a shortcut for ASCII text (most English text): every rule but lower-casing concerns
 * characters outside ASCII, so lower-casing gives the same string.
 */
function normalizeFast(text: string): string {
  return NON_ASCII.test(text) ? normalizeText(text) : text.toLowerCase();
}

/**
 * Calls `visit` with the normalised surface of each word of `text`, as `tokenize` gives `token.surface`. An ASCII
 * text is lower-cased once and sliced, rather than each of its words normalised.
 */
function forEachSurface(text: string, visit: (surface: string) => void): void {
  const lower = NON_ASCII.test(text) ? undefined : text.toLowerCase();
  forEachWord(text, (start, end) => {
    let surface = lower !== undefined ? lower.slice(start, end) : normalizeFast(text.slice(start, end));
    if (surface.includes(',')) surface = surface.replace(/,/g, '');
    if (surface.length > 0) visit(surface);
  });
}

interface ForwardIndex {
  /** Passage `d`'s entries are `docStart[d]` to `docStart[d + 1]` of `docTerms` (ascending) and `docTfs`. */
  readonly docStart: Uint32Array;
  readonly docTerms: Uint32Array;
  readonly docTfs: Float32Array;
  /** Words in each passage, stopwords left out (at least 1). */
  readonly docLength: Float32Array;
}

interface ForwardIndexSources {
  /** The term id of a word's surface, interning it if new; -1 for a stopword. */
  readonly termOfSurface: (surface: string) => number;
  /** Term ids (distinct) of a passage's context: its article's title and its section heading. */
  readonly contextTerms: (article: Article, section: string | undefined) => readonly number[];
  readonly articleOf: readonly Article[];
}

/**
 * Each passage's distinct terms with their counts (context terms weigh `contextTf`), as `tokenize` and a Map per
 * passage would give them, and in the same order of first meeting each word (which fixes term ids). One plain loop
 * over typed arrays: this is the part of the build that reads every word of the library. Counts gather in one
 * array indexed by term, reset after each passage; a term whose count is still 0 is new to the passage (a word
 * weighs 1, and context terms come last, once each) and its id goes straight into the forward index.
 */
function buildForwardIndex(passages: readonly Passage[], sources: ForwardIndexSources): ForwardIndex {
  const { contextTf } = SEARCH_DEFAULTS;
  const docStart = new Uint32Array(passages.length + 1);
  const docLength = new Float32Array(passages.length);
  let docTerms = new Uint32Array(Math.max(1_024, passages.length * 64));
  let docTfs = new Float32Array(docTerms.length);
  let counts = new Float64Array(1_024);
  let cursor = 0;
  const asciiWords = new AsciiWordTable();
  let contextArticle: Article | undefined;
  let contextSection: string | undefined;
  let context: readonly number[] = [];

  for (let doc = 0; doc < passages.length; doc++) {
    const passage = passages[doc]!;
    const text = passage.text;
    docStart[doc] = cursor;
    let length = 0;
    for (let start = nextWordStart(text, 0); start < text.length; start = nextWordStart(text, start)) {
      // The common case in one pass: a word of ASCII letters and digits, hashed as it is scanned. A word that goes
      // on past them (a non-ASCII letter, `2.6`) is measured again by the general rules.
      let end = start;
      let hash = AsciiWordTable.SEED;
      let code = 0;
      while (end < text.length) {
        code = text.charCodeAt(end);
        if (code >= 128 || ASCII_CLASSES[code] === 0) break;
        hash = AsciiWordTable.mix(hash, code);
        end += 1;
      }
      if (end === start || (end < text.length && (code >= 128 || ((code === 46 || code === 44) && mayContinueNumber(text, end + 1))))) {
        end = wordEnd(text, start);
        hash = AsciiWordTable.hash(text, start, end);
      } else if (hash === 0) hash = 1;
      let id = hash === 0 ? AsciiWordTable.MISSING : asciiWords.get(text, start, end, hash);
      if (id === AsciiWordTable.MISSING) {
        let surface = normalizeFast(text.slice(start, end));
        if (surface.includes(',')) surface = surface.replace(/,/g, '');
        id = surface.length === 0 ? -1 : sources.termOfSurface(surface);
        if (hash !== 0) asciiWords.set(text, start, end, hash, id);
      }
      start = end;
      if (id < 0) continue;
      length += 1;
      if (id >= counts.length) counts = grownFloat64(counts, id + 1);
      if (counts[id] === 0) {
        if (cursor === docTerms.length) [docTerms, docTfs] = grownForward(docTerms, docTfs);
        docTerms[cursor++] = id;
      }
      counts[id]! += 1;
    }
    // Passages of one section share their context: it is looked up once per section, not once per passage.
    const article = sources.articleOf[doc]!;
    if (article !== contextArticle || passage.section !== contextSection) {
      context = sources.contextTerms(article, passage.section);
      contextArticle = article;
      contextSection = passage.section;
    }
    for (const id of context) {
      if (id >= counts.length) counts = grownFloat64(counts, id + 1);
      if (counts[id] === 0) {
        if (cursor === docTerms.length) [docTerms, docTfs] = grownForward(docTerms, docTfs);
        docTerms[cursor++] = id;
      }
      counts[id]! += contextTf;
    }
    docLength[doc] = Math.max(length, 1);
    // Ascending term ids (a typed-array sort is numeric), each with its count.
    docTerms.subarray(docStart[doc], cursor).sort();
    for (let i = docStart[doc]!; i < cursor; i++) {
      const id = docTerms[i]!;
      docTfs[i] = counts[id]!;
      counts[id] = 0;
    }
  }
  docStart[passages.length] = cursor;
  return { docStart, docTerms: docTerms.slice(0, cursor), docTfs: docTfs.slice(0, cursor), docLength };
}

function grownFloat64(array: Float64Array<ArrayBuffer>, atLeast: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(Math.max(atLeast, array.length * 2));
  grown.set(array);
  return grown;
}

function grownForward(terms: Uint32Array<ArrayBuffer>, tfs: Float32Array<ArrayBuffer>): [Uint32Array<ArrayBuffer>, Float32Array<ArrayBuffer>] {
  const grownTerms = new Uint32Array(terms.length * 2);
  grownTerms.set(terms);
  const grownTfs = new Float32Array(grownTerms.length);
  grownTfs.set(tfs);
  return [grownTerms, grownTfs];
}

/**
 * An inverted index over every passage of a library: it narrows a query to a few hundred candidates through
 * stemmed, synonym- and typo-expanded words (BM25), then re-ranks the best few by word proximity and fuse.js's
 * Bitap score (computed by a port of it, see `bitapScore`). Measured at up to 100,000 passages: docs/BENCHMARK.md.
 * Build once per library; searching allocates only in proportion to the candidates.
 */
export class SearchIndex {
  private readonly termIds = new Map<string, number>();
  private readonly surfaceToTerm = new Map<string, number>();
  private readonly surfaces: string[] = [];
  private readonly sortedSurfaces: string[];
  private readonly fuzzy: FuzzyVocabulary;
  private readonly df: Uint32Array;
  private readonly idf: Float64Array;
  private readonly rareIdf: number;
  private readonly docStart: Uint32Array;
  private readonly docTerms: Uint32Array;
  private readonly docTfs: Float32Array;
  private readonly docLength: Float32Array;
  private readonly avgLength: number;
  private readonly postStart: Uint32Array;
  private readonly postDocs: Uint32Array;
  private readonly postTfs: Float32Array;
  private readonly aliasPhrases = new Map<string, AliasPhrase[]>();
  private readonly aliasGroups: (readonly string[])[];
  readonly passages: readonly Passage[];
  private readonly articleOf: readonly Article[];
  private readonly articleBySlug = new Map<string, Article>();
  private readonly passageIndex = new Map<string, number>();
  /** Scratch of `collectCandidates`, one slot per passage, all zero between searches. */
  private readonly partialSums: Float64Array;
  private readonly reached: Uint8Array;

  constructor(articles: readonly Article[], aliases: readonly (readonly string[])[] = []) {
    const passages: Passage[] = [];
    const articleOf: Article[] = [];
    for (const article of articles) {
      this.articleBySlug.set(article.slug, article);
      for (const passage of article.passages) {
        this.passageIndex.set(passage.id, passages.length);
        passages.push(passage);
        articleOf.push(article);
      }
    }
    this.passages = passages;
    this.articleOf = articleOf;
    this.partialSums = new Float64Array(passages.length);
    this.reached = new Uint8Array(passages.length);

    // Forward index: each passage's distinct terms, sorted, with their frequencies.
    const contextCache = new Map<string, number[]>();
    const forward = buildForwardIndex(passages, {
      termOfSurface: (surface) => (isStopword(surface) ? -1 : (this.surfaceToTerm.get(surface) ?? this.internSurface(surface, stemWord(surface)))),
      contextTerms: (article, section) => {
        const context = `${article.meta.title}\n${section ?? ''}`;
        let terms = contextCache.get(context);
        if (!terms) {
          terms = [...new Set(contentTokens(context).map((t) => this.internSurface(t.surface, t.term)))];
          contextCache.set(context, terms);
        }
        return terms;
      },
      articleOf,
    });
    const totalEntries = forward.docTerms.length;
    const termCount = this.termIds.size;
    this.docStart = forward.docStart;
    this.docTerms = forward.docTerms;
    this.docTfs = forward.docTfs;
    const docLength = forward.docLength;
    this.df = new Uint32Array(termCount);
    for (let i = 0; i < totalEntries; i++) this.df[this.docTerms[i]!]! += 1;
    this.docLength = docLength;
    this.avgLength = passages.length > 0 ? docLength.reduce((a, b) => a + b, 0) / passages.length : 1;

    // Postings by counting sort over the forward index: docs come out in ascending order for free.
    this.postStart = new Uint32Array(termCount + 1);
    for (let id = 0; id < termCount; id++) this.postStart[id + 1] = this.postStart[id]! + this.df[id]!;
    const fill = this.postStart.slice(0, termCount);
    this.postDocs = new Uint32Array(totalEntries);
    this.postTfs = new Float32Array(totalEntries);
    for (let doc = 0; doc < passages.length; doc++) {
      for (let i = this.docStart[doc]!; i < this.docStart[doc + 1]!; i++) {
        const id = this.docTerms[i]!;
        const at = fill[id]!;
        this.postDocs[at] = doc;
        this.postTfs[at] = this.docTfs[i]!;
        fill[id] = at + 1;
      }
    }

    const n = passages.length;
    this.idf = new Float64Array(termCount);
    for (let id = 0; id < termCount; id++) this.idf[id] = Math.log(1 + (n - this.df[id]! + 0.5) / (this.df[id]! + 0.5));
    this.rareIdf = Math.log(1 + (n - 1 + 0.5) / 1.5);

    this.sortedSurfaces = [...this.surfaces].sort();
    this.fuzzy = new FuzzyVocabulary(this.surfaces);

    this.aliasGroups = aliases.map((group) => [...group]);
    this.aliasGroups.forEach((group, index) => {
      for (const member of group) {
        const terms = termsOf(member);
        const first = terms[0];
        if (first === undefined) continue;
        const list = this.aliasPhrases.get(first) ?? [];
        list.push({ terms, group: index });
        list.sort((a, b) => b.terms.length - a.terms.length);
        this.aliasPhrases.set(first, list);
      }
    });
  }

  private internSurface(surface: string, term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
    }
    if (!this.surfaceToTerm.has(surface)) {
      this.surfaceToTerm.set(surface, id);
      this.surfaces.push(surface);
    }
    return id;
  }

  get size(): number {
    return this.passages.length;
  }

  articleFor(passage: Passage): Article {
    return this.articleOf[this.passageIndex.get(passage.id)!]!;
  }

  passageById(id: string): Passage | undefined {
    const index = this.passageIndex.get(id);
    return index === undefined ? undefined : this.passages[index];
  }

  private prefixTerms(prefix: string, limit: number): number[] {
    const out = new Set<number>();
    let lo = 0;
    let hi = this.sortedSurfaces.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedSurfaces[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedSurfaces.length && out.size < limit; i++) {
      const surface = this.sortedSurfaces[i]!;
      if (!surface.startsWith(prefix)) break;
      if (surface !== prefix) out.add(this.surfaceToTerm.get(surface)!);
    }
    return [...out];
  }

  private wordAlternatives(surface: string, term: string, isPrefix: boolean): Alternative[] {
    const { fuzzyWeight, prefixWeight, maxPrefixExpansions, maxFuzzyExpansions } = SEARCH_DEFAULTS;
    const alternatives: Alternative[] = [];
    const exact = this.termIds.get(term) ?? this.surfaceToTerm.get(surface);
    if (exact !== undefined) alternatives.push({ terms: [exact], weight: 1 });
    if (!this.surfaceToTerm.has(surface) && !/^\d/.test(surface)) {
      const neighbours = this.fuzzy.lookup(surface).slice(0, maxFuzzyExpansions);
      const factor = neighbours.length > 0 && isEnglishWord(surface) ? SEARCH_DEFAULTS.realWordFuzzyFactor : 1;
      for (const { id, distance } of neighbours) {
        const termId = this.surfaceToTerm.get(this.surfaces[id]!)!;
        if (termId !== exact) alternatives.push({ terms: [termId], weight: (fuzzyWeight[distance] ?? 0) * factor });
      }
    }
    if (isPrefix ? surface.length >= 2 : surface.length >= 4) {
      for (const id of this.prefixTerms(surface, maxPrefixExpansions)) {
        if (id !== exact) alternatives.push({ terms: [id], weight: isPrefix ? 0.95 : prefixWeight });
      }
    }
    return alternatives;
  }

  private slotIdf(alternatives: readonly Alternative[]): number {
    let best = 0;
    for (const alternative of alternatives) {
      if (alternative.weight < 1) continue;
      let sum = 0;
      for (const id of alternative.terms) sum += this.idf[id]!;
      best = Math.max(best, sum / alternative.terms.length);
    }
    // A word only found through a typo, prefix or synonym keeps the rarity of what it found. One the library never
    // uses weighs as much as a word used once: often it is only the asker's phrasing ("little", "happened").
    if (best === 0) for (const alternative of alternatives) for (const id of alternative.terms) best = Math.max(best, this.idf[id]!);
    return best > 0 ? best : this.rareIdf;
  }

  /** Keeps the best weight for each set of terms: a word can be reached both directly and through a synonym. */
  private makeSlot(alternatives: readonly Alternative[], words: readonly string[]): Slot {
    const best = new Map<string, Alternative>();
    for (const alternative of alternatives) {
      const key = alternative.terms.join(' ');
      if ((best.get(key)?.weight ?? -1) < alternative.weight) best.set(key, alternative);
    }
    const unique = [...best.values()];
    return { alternatives: unique, idf: this.slotIdf(unique), words };
  }

  /** Turns a query into slots: one per word or declared phrase, each with the terms that would satisfy it. */
  private parseQuery(query: string, prefixLast: boolean): Slot[] {
    const all = tokenize(query);
    const content = all.filter((t) => !isStopword(t.surface));
    const tokens = content.length > 0 ? content : all;
    const slots: Slot[] = [];
    for (let i = 0; i < tokens.length; ) {
      const token = tokens[i]!;
      const isLast = i === tokens.length - 1;
      const phrase = (this.aliasPhrases.get(token.term) ?? []).find((p) => p.terms.every((t, k) => tokens[i + k]?.term === t));
      if (phrase) {
        const alternatives: Alternative[] = [];
        for (const member of this.aliasGroups[phrase.group]!) {
          const terms = termsOf(member);
          const ids = terms.map((t) => this.termIds.get(t)).filter((id): id is number => id !== undefined);
          if (ids.length === 0 || ids.length < terms.length / 2) continue;
          const same = terms.length === phrase.terms.length && terms.every((t, k) => t === phrase.terms[k]);
          alternatives.push({ terms: ids, weight: (same ? 1 : SEARCH_DEFAULTS.aliasWeight) * (ids.length / terms.length) });
        }
        const words = tokens.slice(i, i + phrase.terms.length).map((t) => t.surface);
        if (phrase.terms.length === 1) alternatives.push(...this.wordAlternatives(token.surface, token.term, isLast && prefixLast));
        slots.push(this.makeSlot(alternatives, words));
        i += phrase.terms.length;
        continue;
      }
      slots.push(this.makeSlot(this.wordAlternatives(token.surface, token.term, isLast && prefixLast), [token.surface]));
      i += 1;
    }
    return slots;
  }

  private tfIn(doc: number, term: number): number {
    const from = this.docStart[doc]!;
    const to = this.docStart[doc + 1]!;
    const at = lowerBound(this.docTerms, from, to, term);
    return at < to && this.docTerms[at] === term ? this.docTfs[at]! : 0;
  }

  private bm25(tf: number, doc: number, term: number): number {
    if (tf === 0) return 0;
    const { k1, b } = SEARCH_DEFAULTS;
    return (this.idf[term]! * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.docLength[doc]!) / this.avgLength));
  }

  /** Score of one slot in one passage, and how fully the passage satisfies it (0 to 1). */
  private scoreSlot(slot: Slot, doc: number): { score: number; quality: number } {
    let score = 0;
    let quality = 0;
    for (const alternative of slot.alternatives) {
      let sum = 0;
      let present = 0;
      for (const term of alternative.terms) {
        const tf = this.tfIn(doc, term);
        if (tf > 0) {
          present += 1;
          sum += this.bm25(tf, doc, term);
        }
      }
      if (present === 0) continue;
      score = Math.max(score, (alternative.weight * sum) / alternative.terms.length);
      quality = Math.max(quality, (alternative.weight * present) / alternative.terms.length);
    }
    return { score, quality };
  }

  /**
   * Passages that hold at least one of the slot's less common terms; common ones only score what these find.
   * Each comes with its partial score, the sum of the rarity of the terms it holds. Sums gather in an array indexed
   * by passage, kept between searches and cleared after each: at 100,000 passages one query can reach tens of
   * thousands of them, and a Map of that size cost more than all the scoring after it.
   */
  private collectCandidates(slots: readonly Slot[], allowed: ((doc: number) => boolean) | undefined): { docs: number[]; partial: Float64Array } {
    const limit = Math.max(SEARCH_DEFAULTS.commonFloor, this.passages.length * SEARCH_DEFAULTS.commonShare);
    const termsBySlot = slots.map((slot) => [...new Set(slot.alternatives.flatMap((a) => a.terms))]);
    const sizeOf = (terms: number[]): number => terms.reduce((sum, id) => sum + this.df[id]!, 0);
    let generating = termsBySlot.filter((terms) => terms.length > 0 && sizeOf(terms) <= limit);
    if (generating.length === 0) {
      const rarest = termsBySlot.filter((t) => t.length > 0).sort((a, b) => sizeOf(a) - sizeOf(b))[0];
      generating = rarest ? [rarest] : [];
    }
    const sums = this.partialSums;
    const reached = this.reached;
    const docs: number[] = [];
    for (const terms of generating) {
      for (const term of terms) {
        const idf = this.idf[term]!;
        for (let i = this.postStart[term]!; i < this.postStart[term + 1]!; i++) {
          const doc = this.postDocs[i]!;
          if (allowed && !allowed(doc)) continue;
          if (reached[doc] === 0) {
            reached[doc] = 1;
            docs.push(doc);
          }
          sums[doc]! += idf;
        }
      }
    }
    const partial = new Float64Array(docs.length);
    docs.forEach((doc, k) => {
      partial[k] = sums[doc]!;
      sums[doc] = 0;
      reached[doc] = 0;
    });
    return { docs, partial };
  }

  /**
   * The `count` passages with the highest partial score, ties to the earlier passage: the first `count` of all of
   * them sorted by (score, passage), found from a sort of the bare scores (a typed-array sort, far faster than
   * sorting tens of thousands of pairs with a comparator).
   */
  private bestCandidates(docs: readonly number[], partial: Float64Array, count: number): number[] {
    if (docs.length <= count) return [...docs];
    const cutoff = partial.slice().sort()[docs.length - count]!;
    const above: number[] = [];
    const tied: number[] = [];
    docs.forEach((doc, k) => {
      if (partial[k]! > cutoff) above.push(doc);
      else if (partial[k] === cutoff) tied.push(doc);
    });
    tied.sort((a, b) => a - b);
    return above.concat(tied.slice(0, count - above.length));
  }

  /** Bonus for query words that stand close together in the passage, in the query's order or not. */
  private proximity(slots: readonly Slot[], slotOfTerm: ReadonlyMap<number, number>, passage: Passage): number {
    const positions: number[][] = slots.map(() => []);
    let position = 0;
    forEachSurface(passage.text, (surface) => {
      if (isStopword(surface)) return;
      // Every word of an indexed passage was interned under its surface: no need to stem it again.
      const id = this.surfaceToTerm.get(surface);
      const slot = id === undefined ? undefined : slotOfTerm.get(id);
      if (slot !== undefined) positions[slot]!.push(position);
      position += 1;
    });
    let bonus = 0;
    let possible = 0;
    for (let i = 0; i + 1 < slots.length; i++) {
      const weight = Math.min(slots[i]!.idf, slots[i + 1]!.idf);
      possible += weight;
      let nearest = Infinity;
      for (const a of positions[i]!) for (const b of positions[i + 1]!) nearest = Math.min(nearest, Math.abs(a - b));
      if (nearest <= 3) bonus += weight * (nearest <= 1 ? 1 : 0.5);
    }
    return possible > 0 ? bonus / possible : 0;
  }

  /**
   * fuse.js's approximate-substring match of each query word against the candidates' sentences, 0 to 1: the score
   * `new Fuse(sentences, { keys: ['text'], ignoreLocation: true, includeScore: true, threshold: 0.34,
   * minMatchCharLength: 3 })` gives each sentence, computed by `bitapScore` (a port of its Bitap search) and
   * fuse.js's field-length norm, without building a Fuse collection per query.
   */
  private fuseSimilarity(slots: readonly Slot[], docs: readonly number[]): Map<number, number> {
    const records: { doc: number; text: string; norm: number }[] = [];
    for (const doc of docs) {
      for (const sentence of this.passages[doc]!.sentences) {
        const text = normalizeFast(sentence.text);
        // fuse.js leaves blank texts out of its index.
        if (text.trim().length > 0) records.push({ doc, text, norm: fieldNorm(text) });
      }
    }
    const totals = new Map<number, number>();
    let weightSum = 0;
    for (const slot of slots) {
      const word = slot.words.join(' ');
      if (word.length < 3) continue;
      weightSum += slot.idf;
      const pattern = word.slice(0, 32);
      const best = new Map<number, number>();
      for (const record of records) {
        const score = bitapScore(pattern, record.text);
        if (score === undefined) continue;
        // fuse.js's score of a match: its Bitap score to the power of the text's norm (exact matches count as ε).
        const similarity = 1 - Math.pow(score === 0 ? Number.EPSILON : score, record.norm);
        if (similarity > (best.get(record.doc) ?? 0)) best.set(record.doc, similarity);
      }
      for (const [doc, similarity] of best) totals.set(doc, (totals.get(doc) ?? 0) + slot.idf * similarity);
    }
    if (weightSum > 0) for (const [doc, total] of totals) totals.set(doc, total / weightSum);
    return totals;
  }

  /**
   * Finds the passages that answer `query`, best first. Never throws on any input; an empty or unmatched
   * query is an outcome, not an error.
   */
  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const limit = options.limit ?? 5;
    const slots = this.parseQuery(query, options.prefixLast ?? false);
    if (slots.length === 0) return { kind: 'empty', query };

    const allowedArticle = options.article;
    const allowed = allowedArticle === undefined ? undefined : (doc: number) => this.articleOf[doc]!.slug === allowedArticle;
    const { docs, partial } = this.collectCandidates(slots, allowed);
    if (docs.length === 0) return { kind: 'no-match', query };

    const totalIdf = slots.reduce((sum, slot) => sum + slot.idf, 0);
    const candidates = this.bestCandidates(docs, partial, SEARCH_DEFAULTS.fullScoreCandidates);
    let scored = candidates.map((doc) => {
      let score = 0;
      let covered = 0;
      for (const slot of slots) {
        const result = this.scoreSlot(slot, doc);
        score += result.score;
        covered += slot.idf * result.quality;
      }
      const coverage = totalIdf > 0 ? covered / totalIdf : 0;
      return { doc, coverage, score: score * (0.25 + 0.75 * coverage) };
    });
    scored.sort((a, b) => b.score - a.score || a.doc - b.doc);

    if (options.rerank ?? true) {
      const top = scored.slice(0, SEARCH_DEFAULTS.rerankCandidates);
      const fuse = this.fuseSimilarity(slots, top.map((s) => s.doc));
      const slotOfTerm = new Map<number, number>();
      slots.forEach((slot, index) => {
        for (const alternative of slot.alternatives) for (const term of alternative.terms) if (!slotOfTerm.has(term)) slotOfTerm.set(term, index);
      });
      const reranked = top.map((s) => {
        const near = this.proximity(slots, slotOfTerm, this.passages[s.doc]!);
        return { ...s, score: s.score * (1 + 0.3 * near) * (0.85 + 0.3 * (fuse.get(s.doc) ?? 0)) };
      });
      reranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
      scored = [...reranked, ...scored.slice(SEARCH_DEFAULTS.rerankCandidates)];
    }

    const weightOf = this.termWeights(slots);
    const hits: SearchHit[] = scored.slice(0, limit).map((s) => {
      const passage = this.passages[s.doc]!;
      return {
        passage,
        article: this.articleOf[s.doc]!,
        score: Number(s.score.toFixed(4)),
        coverage: Number(s.coverage.toFixed(3)),
        confidence: this.confidenceOf(s.coverage),
        excerpt: selectExcerpt(passage, weightOf),
      };
    });
    const best = hits[0];
    if (!best) return { kind: 'no-match', query };
    return best.coverage < SEARCH_DEFAULTS.weakCoverage ? { kind: 'weak', query, hits } : { kind: 'answer', query, hits };
  }

  private confidenceOf(coverage: number): Confidence {
    if (coverage >= SEARCH_DEFAULTS.highCoverage) return 'high';
    if (coverage >= SEARCH_DEFAULTS.mediumCoverage) return 'medium';
    return 'low';
  }

  /** Which slot a stemmed term satisfies, and how much that slot weighs: what the excerpt picks and bolds by. */
  private termWeights(slots: readonly Slot[]): (term: string) => { slot: number; weight: number } | undefined {
    const byTerm = new Map<number, { slot: number; weight: number }>();
    slots.forEach((slot, index) => {
      for (const alternative of slot.alternatives) {
        for (const term of alternative.terms) {
          const weight = slot.idf * alternative.weight;
          if ((byTerm.get(term)?.weight ?? 0) < weight) byTerm.set(term, { slot: index, weight });
        }
      }
    });
    return (term) => {
      const id = this.termIds.get(term) ?? this.termIds.get(stemWord(term));
      return id === undefined ? undefined : byTerm.get(id);
    };
  }
}
