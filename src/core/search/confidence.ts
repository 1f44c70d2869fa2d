import { SEARCH_DEFAULTS } from './defaults.js';
import type { Confidence, SearchHit, SearchOutcome } from './types.js';

/**
 * Stage 6 of a search: what the hits amount to. Each hit is labelled by its coverage (the share of the query it
 * satisfies, weighted by rarity), and the outcome by the best hit's: below `weakCoverage` the library does not
 * answer the question directly, and the hits are only the nearest passages.
 */
export function confidenceOf(coverage: number): Confidence {
  if (coverage >= SEARCH_DEFAULTS.highCoverage) return 'high';
  if (coverage >= SEARCH_DEFAULTS.mediumCoverage) return 'medium';
  return 'low';
}

/** The outcome of a search that found `hits`, best first: none is `no-match`. */
export function judgeOutcome(query: string, hits: readonly SearchHit[]): SearchOutcome {
  const best = hits[0];
  if (!best) return { kind: 'no-match', query };
  return best.coverage < SEARCH_DEFAULTS.weakCoverage ? { kind: 'weak', query, hits } : { kind: 'answer', query, hits };
}
