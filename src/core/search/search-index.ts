import { contentTokens, isStopword, stemWord, tokenize } from '../normalize.js';
import { STOPWORDS } from '../stopwords.js';
import type { Article, Passage } from '../types.js';
import { type Excerpt, type WordMatch, selectExcerpt } from './excerpt.js';
import { isEnglishWord } from './dictionary.js';
import {
  type ForwardIndex,
  type Postings,
  type TermVocabulary,
  forEachSurface,
  invertForward,
  normalizeFast,
} from './forward-index.js';
import { FuzzyVocabulary, bitapScore, fieldNorm } from './fuzzy.js';
import { lowerBound } from './lower-bound.js';
import { type ParallelBuildOptions, buildForward, buildForwardOnThisThread, forwardInputOf } from './parallel-build.js';

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

/**
 * Parts of an index made before the constructor runs (see `SearchIndex.build`): the forward index and vocabulary
 * of the library's passages, and, if made already, parts derived from them.
 */
export interface IndexParts {
  readonly forward: ForwardIndex;
  readonly vocabulary: TermVocabulary;
  readonly postings?: Postings;
  /** The vocabulary's surfaces, sorted. */
  readonly sortedSurfaces?: string[];
  /** `typoDeletes(vocabulary.surfaces)`. */
  readonly typoDeletes?: Float64Array;
}

function termsOf(text: string): string[] {
  return contentTokens(text).map((t) => t.term);
}

/**
 * An inverted index over every passage of a library: it narrows a query to a few hundred candidates through
 * stemmed, synonym- and typo-expanded words (BM25), then re-ranks the best few by word proximity and fuse.js's
 * Bitap score (computed by a port of it, see `bitapScore`). Measured at up to 100,000 passages: docs/BENCHMARK.md.
 * Build once per library; searching allocates only in proportion to the candidates.
 */
export class SearchIndex {
  /** Terms and surface words of the library, with their ids (see forward-index.ts). */
  private readonly vocabulary: TermVocabulary;
  private readonly sortedSurfaces: string[];
  /** Term `t`'s surfaces are `vocabulary.surfaces[termSurfaces[i]]` for `i` from `termSurfaceStart[t]` to `termSurfaceStart[t + 1] - 1`. */
  private readonly termSurfaceStart: Uint32Array;
  private readonly termSurfaces: Uint32Array;
  /** Stopwords whose stem is a term of the library (through a title, say): passages never intern them. */
  private stopwordTermCache: ReadonlyMap<string, number> | undefined;
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
  private readonly aliasPhrases = new Map<string, AliasPhrase[]>();
  private readonly aliasGroups: (readonly string[])[];
  readonly passages: readonly Passage[];
  private readonly articleOf: readonly Article[];
  private readonly articleBySlug = new Map<string, Article>();
  /** Scratch of `collectCandidates`, one slot per passage, all zero between searches. */
  private readonly partialSums: Float64Array;
  private readonly reached: Uint8Array;
  /** Scratch of scoring, one slot per term: the counts of the passage being scored, all zero between passages. */
  private readonly termTf: Float32Array;

  /** Builds the index on this thread, from `parts` of it when they were made already (see `SearchIndex.build`). */
  constructor(articles: readonly Article[], aliases: readonly (readonly string[])[] = [], parts?: IndexParts) {
    const passages: Passage[] = [];
    const articleOf: Article[] = [];
    for (const article of articles) {
      this.articleBySlug.set(article.slug, article);
      for (const passage of article.passages) {
        passages.push(passage);
        articleOf.push(article);
      }
    }
    this.passages = passages;
    this.articleOf = articleOf;
    this.partialSums = new Float64Array(passages.length);
    this.reached = new Uint8Array(passages.length);

    // Forward index: each passage's distinct terms with their frequencies.
    const { forward, vocabulary } =
      parts ?? buildForwardOnThisThread(forwardInputOf(articles, SEARCH_DEFAULTS.contextTf));
    if (forward.docLength.length !== passages.length)
      throw new RangeError(`a forward index of ${forward.docLength.length} passages was given for ${passages.length}`);
    this.vocabulary = vocabulary;
    const { surfaces, surfaceTerms } = vocabulary;
    const totalEntries = forward.docTerms.length;
    const termCount = vocabulary.termCount;
    this.docStart = forward.docStart;
    this.docTerms = forward.docTerms;
    this.docTfs = forward.docTfs;
    const docLength = forward.docLength;
    this.docLength = docLength;
    this.avgLength = passages.length > 0 ? docLength.reduce((a, b) => a + b, 0) / passages.length : 1;
    const postings = parts?.postings ?? invertForward(forward, termCount);
    if (postings.postDocs.length !== totalEntries)
      throw new RangeError(`postings of ${postings.postDocs.length} entries were given for ${totalEntries}`);
    this.df = postings.df;
    this.postStart = postings.postStart;
    this.postDocs = postings.postDocs;

    const n = passages.length;
    this.termTf = new Float32Array(termCount);
    this.idf = new Float64Array(termCount);
    for (let id = 0; id < termCount; id++) this.idf[id] = Math.log(1 + (n - this.df[id]! + 0.5) / (this.df[id]! + 0.5));
    this.rareIdf = Math.log(1 + (n - 1 + 0.5) / 1.5);

    this.sortedSurfaces = parts?.sortedSurfaces ?? [...surfaces].sort();
    // Each term's surfaces (a counting sort of the surfaces by term), for the excerpt's matcher.
    this.termSurfaceStart = new Uint32Array(termCount + 1);
    for (const term of surfaceTerms) this.termSurfaceStart[term + 1]! += 1;
    for (let term = 0; term < termCount; term++) this.termSurfaceStart[term + 1]! += this.termSurfaceStart[term]!;
    const nextSurface = this.termSurfaceStart.slice(0, termCount);
    this.termSurfaces = new Uint32Array(surfaces.length);
    surfaceTerms.forEach((term, surface) => {
      this.termSurfaces[nextSurface[term]!] = surface;
      nextSurface[term]! += 1;
    });
    this.fuzzy = new FuzzyVocabulary(surfaces, vocabulary.surfaceIds, parts?.typoDeletes);

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

  /**
   * Builds the index, a large library's on two threads (see parallel-build.ts): the same index as the constructor
   * gives, sooner. The way a long-running process should build one.
   */
  static async build(
    articles: readonly Article[],
    aliases: readonly (readonly string[])[] = [],
    options: ParallelBuildOptions = {},
  ): Promise<SearchIndex> {
    const { forward, vocabulary, typoFromWorker } = await buildForward(
      forwardInputOf(articles, SEARCH_DEFAULTS.contextTf),
      options,
    );
    // While the worker makes the typo index, this thread inverts the forward index and sorts the vocabulary.
    const postings = invertForward(forward, vocabulary.termCount);
    const sortedSurfaces = [...vocabulary.surfaces].sort();
    const typoDeletes = await typoFromWorker;
    return new SearchIndex(articles, aliases, {
      forward,
      vocabulary,
      postings,
      sortedSurfaces,
      ...(typoDeletes && { typoDeletes }),
    });
  }

  get size(): number {
    return this.passages.length;
  }

  /** The passage of an id, `<slug>#<paragraph>`: paragraph n is the nth passage of its article (see blocks.ts). */
  passageById(id: string): Passage | undefined {
    const hash = id.lastIndexOf('#');
    const paragraph = Number(id.slice(hash + 1));
    if (hash < 0 || !Number.isInteger(paragraph) || paragraph < 1) return undefined;
    const passage = this.articleBySlug.get(id.slice(0, hash))?.passages[paragraph - 1];
    return passage?.id === id ? passage : undefined;
  }

  private prefixTerms(prefix: string, limit: number): number[] {
    const out = new Set<number>();
    for (let i = lowerBound(this.sortedSurfaces, prefix); i < this.sortedSurfaces.length && out.size < limit; i++) {
      const surface = this.sortedSurfaces[i]!;
      if (!surface.startsWith(prefix)) break;
      if (surface !== prefix) out.add(this.vocabulary.termOf(surface)!);
    }
    return [...out];
  }

  private wordAlternatives(surface: string, term: string, isPrefix: boolean): Alternative[] {
    const { fuzzyWeight, prefixWeight, maxPrefixExpansions, maxFuzzyExpansions } = SEARCH_DEFAULTS;
    const alternatives: Alternative[] = [];
    const exact = this.vocabulary.termIds.get(term) ?? this.vocabulary.termOf(surface);
    if (exact !== undefined) alternatives.push({ terms: [exact], weight: 1 });
    if (!this.vocabulary.surfaceIds.has(surface) && !/^\d/.test(surface)) {
      const neighbours = this.fuzzy.lookup(surface).slice(0, maxFuzzyExpansions);
      const factor = neighbours.length > 0 && isEnglishWord(surface) ? SEARCH_DEFAULTS.realWordFuzzyFactor : 1;
      for (const { id, distance } of neighbours) {
        const termId = this.vocabulary.surfaceTerms[id]!;
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
    if (best === 0)
      for (const alternative of alternatives) for (const id of alternative.terms) best = Math.max(best, this.idf[id]!);
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
    for (let i = 0; i < tokens.length;) {
      const token = tokens[i]!;
      const isLast = i === tokens.length - 1;
      const phrase = (this.aliasPhrases.get(token.term) ?? []).find((p) =>
        p.terms.every((t, k) => tokens[i + k]?.term === t),
      );
      if (phrase) {
        const alternatives: Alternative[] = [];
        for (const member of this.aliasGroups[phrase.group]!) {
          const terms = termsOf(member);
          const ids = terms.map((t) => this.vocabulary.termIds.get(t)).filter((id): id is number => id !== undefined);
          if (ids.length === 0 || ids.length < terms.length / 2) continue;
          const same = terms.length === phrase.terms.length && terms.every((t, k) => t === phrase.terms[k]);
          alternatives.push({
            terms: ids,
            weight: (same ? 1 : SEARCH_DEFAULTS.aliasWeight) * (ids.length / terms.length),
          });
        }
        const words = tokens.slice(i, i + phrase.terms.length).map((t) => t.surface);
        if (phrase.terms.length === 1)
          alternatives.push(...this.wordAlternatives(token.surface, token.term, isLast && prefixLast));
        slots.push(this.makeSlot(alternatives, words));
        i += phrase.terms.length;
        continue;
      }
      slots.push(
        this.makeSlot(this.wordAlternatives(token.surface, token.term, isLast && prefixLast), [token.surface]),
      );
      i += 1;
    }
    return slots;
  }

  /** Spreads a passage's counts into `termTf` (by term), for `scoreSlot`; `clearTerms` undoes it. */
  private spreadTerms(doc: number): void {
    for (let i = this.docStart[doc]!; i < this.docStart[doc + 1]!; i++)
      this.termTf[this.docTerms[i]!] = this.docTfs[i]!;
  }

  private clearTerms(doc: number): void {
    for (let i = this.docStart[doc]!; i < this.docStart[doc + 1]!; i++) this.termTf[this.docTerms[i]!] = 0;
  }

  private bm25(tf: number, doc: number, term: number): number {
    if (tf === 0) return 0;
    const { k1, b } = SEARCH_DEFAULTS;
    return (this.idf[term]! * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.docLength[doc]!) / this.avgLength));
  }

  /** Score of one slot in the passage whose terms are spread (`spreadTerms`), and how fully it satisfies it (0 to 1). */
  private scoreSlot(slot: Slot, doc: number): { score: number; quality: number } {
    let score = 0;
    let quality = 0;
    for (const alternative of slot.alternatives) {
      let sum = 0;
      let present = 0;
      for (const term of alternative.terms) {
        const tf = this.termTf[term]!;
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
  private collectCandidates(
    slots: readonly Slot[],
    allowed: ((doc: number) => boolean) | undefined,
  ): { docs: number[]; partial: Float64Array } {
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
      const id = this.vocabulary.termOf(surface);
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
    const allowed =
      allowedArticle === undefined ? undefined : (doc: number) => this.articleOf[doc]!.slug === allowedArticle;
    const { docs, partial } = this.collectCandidates(slots, allowed);
    if (docs.length === 0) return { kind: 'no-match', query };

    const totalIdf = slots.reduce((sum, slot) => sum + slot.idf, 0);
    const candidates = this.bestCandidates(docs, partial, SEARCH_DEFAULTS.fullScoreCandidates);
    let scored = candidates.map((doc) => {
      let score = 0;
      let covered = 0;
      this.spreadTerms(doc);
      for (const slot of slots) {
        const result = this.scoreSlot(slot, doc);
        score += result.score;
        covered += slot.idf * result.quality;
      }
      this.clearTerms(doc);
      const coverage = totalIdf > 0 ? covered / totalIdf : 0;
      return { doc, coverage, score: score * (0.25 + 0.75 * coverage) };
    });
    scored.sort((a, b) => b.score - a.score || a.doc - b.doc);

    if (options.rerank ?? true) {
      const top = scored.slice(0, SEARCH_DEFAULTS.rerankCandidates);
      const fuse = this.fuseSimilarity(
        slots,
        top.map((s) => s.doc),
      );
      const slotOfTerm = new Map<number, number>();
      slots.forEach((slot, index) => {
        for (const alternative of slot.alternatives)
          for (const term of alternative.terms) if (!slotOfTerm.has(term)) slotOfTerm.set(term, index);
      });
      const reranked = top.map((s) => {
        const near = this.proximity(slots, slotOfTerm, this.passages[s.doc]!);
        return { ...s, score: s.score * (1 + 0.3 * near) * (0.85 + 0.3 * (fuse.get(s.doc) ?? 0)) };
      });
      reranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
      scored = [...reranked, ...scored.slice(SEARCH_DEFAULTS.rerankCandidates)];
    }

    const matchesIn = this.queryMatcher(slots);
    const hits: SearchHit[] = scored.slice(0, limit).map((s) => {
      const passage = this.passages[s.doc]!;
      return {
        passage,
        article: this.articleOf[s.doc]!,
        score: Number(s.score.toFixed(4)),
        coverage: Number(s.coverage.toFixed(3)),
        confidence: this.confidenceOf(s.coverage),
        excerpt: selectExcerpt(passage, matchesIn),
      };
    });
    const best = hits[0];
    if (!best) return { kind: 'no-match', query };
    return best.coverage < SEARCH_DEFAULTS.weakCoverage
      ? { kind: 'weak', query, hits }
      : { kind: 'answer', query, hits };
  }

  private confidenceOf(coverage: number): Confidence {
    if (coverage >= SEARCH_DEFAULTS.highCoverage) return 'high';
    if (coverage >= SEARCH_DEFAULTS.mediumCoverage) return 'medium';
    return 'low';
  }

  /**
   * The query words in a text, with the slot each satisfies and its weight: what the excerpt picks and bolds by.
   * Every word of an indexed passage was interned under its surface, so the surfaces of the query's terms are known
   * in advance: one lookup in a small Map a word, no stemming. Stopwords, which passages never intern, are the one
   * exception (a query of stopwords only searches them), looked up by their stems once per index.
   */
  private queryMatcher(slots: readonly Slot[]): (text: string) => WordMatch[] {
    const bySurface = new Map<string, { slot: number; weight: number }>();
    const byTerm = new Map<number, { slot: number; weight: number }>();
    slots.forEach((slot, index) => {
      for (const alternative of slot.alternatives) {
        for (const term of alternative.terms) {
          const weight = slot.idf * alternative.weight;
          if ((byTerm.get(term)?.weight ?? 0) < weight) byTerm.set(term, { slot: index, weight });
        }
      }
    });
    for (const [term, hit] of byTerm) {
      for (let i = this.termSurfaceStart[term]!; i < this.termSurfaceStart[term + 1]!; i++)
        bySurface.set(this.vocabulary.surfaces[this.termSurfaces[i]!]!, hit);
    }
    for (const [stopword, term] of this.stopwordTerms()) {
      const hit = byTerm.get(term);
      if (hit && !bySurface.has(stopword)) bySurface.set(stopword, hit);
    }
    return (text) => {
      const matches: WordMatch[] = [];
      forEachSurface(text, (surface, start, end) => {
        const hit = bySurface.get(surface);
        if (hit) matches.push({ start, end, slot: hit.slot, weight: hit.weight });
      });
      return matches;
    };
  }

  private stopwordTerms(): ReadonlyMap<string, number> {
    if (!this.stopwordTermCache) {
      const terms = new Map<string, number>();
      for (const stopword of STOPWORDS) {
        const term = this.vocabulary.termIds.get(stemWord(stopword));
        if (term !== undefined && !this.vocabulary.surfaceIds.has(stopword)) terms.set(stopword, term);
      }
      this.stopwordTermCache = terms;
    }
    return this.stopwordTermCache;
  }
}
