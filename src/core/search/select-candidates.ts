import { SEARCH_DEFAULTS } from './defaults.js';
import type { IndexData, SearchScratch } from './index-data.js';
import type { PassageRange, Slot } from './types.js';

/**
 * Stage 2 of a search: the passages worth scoring. Every passage that holds one of a slot's less common terms is
 * reached through the postings, with a partial score (the sum of the rarity of the terms it holds); the best
 * `count` of them, ties to the earlier passage, go on to be scored in full. A slot whose terms are common only
 * scores what the others find, so a common word does not make every query read the library.
 */
export function selectCandidates(
  data: IndexData,
  scratch: SearchScratch,
  slots: readonly Slot[],
  scope: PassageRange | undefined,
  count: number = SEARCH_DEFAULTS.fullScoreCandidates,
): number[] {
  const { docs, partial } = collectCandidates(data, scratch, slots, scope);
  return bestCandidates(docs, partial, count);
}

/**
 * Passages that hold at least one of the slots' less common terms, each with its partial score. Sums gather in an
 * array indexed by passage, kept between searches and cleared after each: at 100,000 passages one query can reach
 * tens of thousands of them, and a Map of that size cost more than all the scoring after it.
 */
function collectCandidates(
  data: IndexData,
  scratch: SearchScratch,
  slots: readonly Slot[],
  scope: PassageRange | undefined,
): { docs: number[]; partial: Float64Array } {
  const { df, postStart, postDocs } = data.postings;
  const limit = Math.max(SEARCH_DEFAULTS.commonFloor, data.passageCount * SEARCH_DEFAULTS.commonShare);
  const termsBySlot = slots.map((slot) => [...new Set(slot.alternatives.flatMap((a) => a.terms))]);
  const sizeOf = (terms: number[]): number => terms.reduce((sum, id) => sum + df[id]!, 0);
  let generating = termsBySlot.filter((terms) => terms.length > 0 && sizeOf(terms) <= limit);
  if (generating.length === 0) {
    const rarest = termsBySlot.filter((t) => t.length > 0).sort((a, b) => sizeOf(a) - sizeOf(b))[0];
    generating = rarest ? [rarest] : [];
  }
  const from = scope?.from ?? 0;
  const to = scope?.to ?? data.passageCount;
  const { partialSums: sums, reached } = scratch;
  const docs: number[] = [];
  for (const terms of generating) {
    for (const term of terms) {
      const idf = data.idf[term]!;
      for (let i = postStart[term]!; i < postStart[term + 1]!; i++) {
        const doc = postDocs[i]!;
        if (doc < from || doc >= to) continue;
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
function bestCandidates(docs: readonly number[], partial: Float64Array, count: number): number[] {
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
