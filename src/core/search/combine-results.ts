import { confidenceOf, judgeOutcome } from './confidence.js';
import { SEARCH_DEFAULTS } from './defaults.js';
import type { SearchHit, SearchOptions, SearchOutcome } from './types.js';

/** What can be searched: one index, or several ranked as one (`combineResults`). */
export interface PassageSearch {
  /** Passages searched. */
  readonly size: number;
  search(query: string, options?: SearchOptions): SearchOutcome;
}

/**
 * The last stage for a library made of several indexes (the shared library and a server's shelf): each searched
 * as usual, their hits ranked together by score (the shelf's index is scored with the statistics of both, see
 * `SearchIndex.statistics`), and the outcome judged again on the merged list, since the best passage's margin is over
 * the next passage of either index.
 */
export function combineResults(outcomes: readonly SearchOutcome[], query: string, limit: number): SearchOutcome {
  const hits = outcomes
    .flatMap((outcome) => (outcome.kind === 'answer' || outcome.kind === 'weak' ? outcome.hits : []))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  if (hits.length === 0)
    return outcomes.every((outcome) => outcome.kind === 'empty')
      ? { kind: 'empty', query }
      : { kind: 'no-match', query };
  const second = hits[1];
  const margin = second && second.score > 0 ? hits[0]!.score / second.score : Infinity;
  const ranked = hits.map((hit, at): SearchHit => ({
    ...hit,
    confidence: confidenceOf(hit.coverage, at === 0 ? margin : 0),
  }));
  return judgeOutcome(query, ranked, margin);
}

/** Several indexes searched as one library, one ranking. */
export class CombinedSearch implements PassageSearch {
  constructor(private readonly parts: readonly PassageSearch[]) {}

  get size(): number {
    return this.parts.reduce((sum, part) => sum + part.size, 0);
  }

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    const limit = options.limit ?? SEARCH_DEFAULTS.limit;
    return combineResults(
      this.parts.map((part) => part.search(query, options)),
      query,
      limit,
    );
  }
}
