import { createQueryMatcher } from './highlight.js';
import { confidenceOf, judgeOutcome, marginOf } from './confidence.js';
import { SEARCH_DEFAULTS } from './defaults.js';
import { answerTestOf } from './answer-kind.js';
import { selectExcerpt } from './excerpt.js';
import { invertForward } from './forward-index.js';
import { type IndexData, type IndexParts, type SearchScratch, createIndexData, createScratch } from './index-data.js';
import { type ParallelBuildOptions, buildForward, buildForwardOnThisThread, forwardInputOf } from './parallel-build.js';
import { parseQuery } from './parse-query.js';
import { rerankCandidates } from './rerank.js';
import { scoreCandidates } from './score-bm25.js';
import { selectCandidates } from './select-candidates.js';
import type { PassageRange, PassageSource, SearchHit, SearchOptions, SearchOutcome } from './types.js';

export { SEARCH_DEFAULTS } from './defaults.js';
export type { IndexParts } from './index-data.js';
export type { Confidence, PassageSource, SearchHit, SearchOptions, SearchOutcome } from './types.js';

/** The scope of a filter on an article the library does not have: no passage. */
const NO_PASSAGES: PassageRange = Object.freeze({ from: 0, to: 0 });

/**
 * An inverted index over every passage of a library. A search is a chain of stages, each in the file named after
 * it: `parseQuery` (stemmed, synonym- and typo-expanded slots) → `selectCandidates` (postings of the rarer words)
 * → `scoreCandidates` (BM25 and coverage) → `rerankCandidates` (proximity and fuse.js) → `createQueryMatcher` and
 * `selectExcerpt` (highlighting) → `confidenceOf` and `judgeOutcome`. The index holds passages by number only; their
 * text and articles are read from the `PassageSource` (the knowledge base's catalog) it was built from. Measured at
 * up to 100,000 passages: docs/BENCHMARK.md. Build once per library; searching allocates only in proportion to the
 * candidates.
 */
export class SearchIndex {
  private readonly data: IndexData;
  private readonly scratch: SearchScratch;

  /** Builds the index on this thread, from `parts` of it when they were made already (see `SearchIndex.build`). */
  constructor(
    private readonly source: PassageSource,
    aliases: readonly (readonly string[])[] = [],
    parts?: IndexParts,
  ) {
    const built = parts ?? buildForwardOnThisThread(forwardInputOf(source.articles, SEARCH_DEFAULTS.contextTf));
    this.data = createIndexData(source.passages.length, built, aliases);
    this.scratch = createScratch(this.data);
  }

  /**
   * Builds the index, a large library's on two threads (see parallel-build.ts): the same index as the constructor
   * gives, sooner. The way a long-running process should build one.
   */
  static async build(
    source: PassageSource,
    aliases: readonly (readonly string[])[] = [],
    options: ParallelBuildOptions = {},
  ): Promise<SearchIndex> {
    const { forward, vocabulary, typoFromWorker } = await buildForward(
      forwardInputOf(source.articles, SEARCH_DEFAULTS.contextTf),
      options,
    );
    // While the worker makes the typo index, this thread inverts the forward index and sorts the vocabulary.
    const postings = invertForward(forward, vocabulary.termCount);
    const sortedSurfaces = [...vocabulary.surfaces].sort();
    const typoDeletes = await typoFromWorker;
    return new SearchIndex(source, aliases, {
      forward,
      vocabulary,
      postings,
      sortedSurfaces,
      ...(typoDeletes && { typoDeletes }),
    });
  }

  /** Passages indexed. */
  get size(): number {
    return this.data.passageCount;
  }

  /**
   * Finds the passages that answer `query`, best first. Never throws on any input; an empty or unmatched
   * query is an outcome, not an error. Options left out take their value from `SEARCH_DEFAULTS`.
   */
  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const limit = options.limit ?? SEARCH_DEFAULTS.limit;
    const slots = parseQuery(this.data, query, options.prefixLast ?? SEARCH_DEFAULTS.prefixLast);
    if (slots.length === 0) return { kind: 'empty', query };

    const scope =
      options.article === undefined ? undefined : (this.source.passageRange(options.article) ?? NO_PASSAGES);
    const candidates = selectCandidates(this.data, this.scratch, slots, scope);
    if (candidates.length === 0) return { kind: 'no-match', query };

    let ranked = scoreCandidates(this.data, this.scratch, slots, candidates);
    if (options.rerank ?? SEARCH_DEFAULTS.rerank) ranked = rerankCandidates(this.data, this.source, slots, ranked);

    const matchesIn = createQueryMatcher(this.data, slots);
    const answers = answerTestOf(query);
    const hits = ranked.slice(0, limit).map((s, at): SearchHit => {
      const passage = this.source.passages[s.doc]!;
      return {
        passage,
        article: this.source.articleOf(passage),
        score: Number(s.score.toFixed(4)),
        coverage: Number(s.coverage.toFixed(3)),
        // Only the first hit can stand out from the next: a passage ranked below another is at most medium.
        confidence: confidenceOf(s.coverage, at === 0 ? marginOf(ranked, 0) : 0),
        excerpt: selectExcerpt(passage, matchesIn, answers),
      };
    });
    return judgeOutcome(query, hits, marginOf(ranked, 0));
  }
}
