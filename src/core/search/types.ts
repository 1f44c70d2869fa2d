import type { Article, Passage } from '../types.js';
import type { Excerpt } from './excerpt.js';

/**
 * What search takes and gives, and what its stages hand each other (see search-index.ts for the chain).
 */

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

/** Each option left out takes its value from `SEARCH_DEFAULTS`. */
export interface SearchOptions {
  readonly limit?: number;
  /** Only passages of this article (its slug). */
  readonly article?: string;
  /** Treat the last word as unfinished (autocomplete): it matches every word it begins. */
  readonly prefixLast?: boolean;
  /** Words of an earlier question this one follows up, searched beside it at `contextWeight`. */
  readonly context?: string;
  /** Skip the fuse.js and proximity re-ranking (autocomplete, where speed matters more than the last place). */
  readonly rerank?: boolean;
}

/**
 * What search reads of the library, which the knowledge base owns (see `PassageCatalog`): the index knows passages
 * by their number, their place in `passages`.
 */
export interface PassageSource {
  readonly articles: readonly Article[];
  /** Every passage of every article, in article order. */
  readonly passages: readonly Passage[];
  articleOf(passage: Passage): Article;
  /** The numbers of an article's passages, `from` up to `to` (excluded); undefined for an unknown slug. */
  passageRange(slug: string): PassageRange | undefined;
}

export interface PassageRange {
  readonly from: number;
  readonly to: number;
}

/** One way of satisfying a slot: all of these terms (a word, or a phrase's words), at this weight. */
export interface Alternative {
  readonly terms: readonly number[];
  readonly weight: number;
}

/** A word or declared phrase of the query, with every alternative that satisfies it. */
export interface Slot {
  readonly alternatives: readonly Alternative[];
  /** Rarity of what the slot asks for; a word the library never uses counts as the rarest. */
  readonly idf: number;
  /** Surface words of the query behind this slot, for fuse.js. */
  readonly words: readonly string[];
}

/** A candidate passage (by number) with its score and the share of the query it covers. */
export interface ScoredPassage {
  readonly doc: number;
  readonly score: number;
  readonly coverage: number;
}
