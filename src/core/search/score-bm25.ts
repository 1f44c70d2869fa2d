import { SEARCH_DEFAULTS } from './defaults.js';
import type { IndexData, SearchScratch } from './index-data.js';
import type { ScoredPassage, Slot } from './types.js';

/**
 * Stage 3 of a search: each candidate's BM25 score, best first (ties to the earlier passage). A slot scores by its
 * best alternative; the sum over slots is multiplied by `coverageFloor + (1 − coverageFloor) · coverage`, where
 * coverage is the share of the query's slots the passage satisfies, weighted by rarity (IDF), so that a passage
 * answering the whole question beats one that repeats a single word.
 */
export function scoreCandidates(
  data: IndexData,
  scratch: SearchScratch,
  slots: readonly Slot[],
  candidates: readonly number[],
): ScoredPassage[] {
  const { coverageFloor } = SEARCH_DEFAULTS;
  const totalIdf = slots.reduce((sum, slot) => sum + slot.idf, 0);
  const scored = candidates.map((doc) => {
    let score = 0;
    let covered = 0;
    spreadTerms(data, scratch, doc);
    for (const slot of slots) {
      const result = scoreSlot(data, scratch, slot, doc);
      score += result.score;
      covered += slot.idf * result.quality;
    }
    clearTerms(data, scratch, doc);
    const coverage = totalIdf > 0 ? covered / totalIdf : 0;
    return { doc, coverage, score: score * (coverageFloor + (1 - coverageFloor) * coverage) };
  });
  return scored.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** Spreads a passage's counts into `termTf` (by term), for `scoreSlot`; `clearTerms` undoes it. */
function spreadTerms(data: IndexData, scratch: SearchScratch, doc: number): void {
  const { docStart, docTerms, docTfs } = data.forward;
  for (let i = docStart[doc]!; i < docStart[doc + 1]!; i++) scratch.termTf[docTerms[i]!] = docTfs[i]!;
}

function clearTerms(data: IndexData, scratch: SearchScratch, doc: number): void {
  const { docStart, docTerms } = data.forward;
  for (let i = docStart[doc]!; i < docStart[doc + 1]!; i++) scratch.termTf[docTerms[i]!] = 0;
}

/** BM25 of a term seen `tf` times in passage `doc`. */
function scoreBm25(data: IndexData, tf: number, doc: number, term: number): number {
  if (tf === 0) return 0;
  const { k1, b } = SEARCH_DEFAULTS;
  const length = data.forward.docLength[doc]!;
  return (data.idf[term]! * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / data.avgLength));
}

/** Score of one slot in the passage whose terms are spread (`spreadTerms`), and how fully it satisfies it (0 to 1). */
function scoreSlot(
  data: IndexData,
  scratch: SearchScratch,
  slot: Slot,
  doc: number,
): { score: number; quality: number } {
  let score = 0;
  let quality = 0;
  for (const alternative of slot.alternatives) {
    let sum = 0;
    let present = 0;
    for (const term of alternative.terms) {
      const tf = scratch.termTf[term]!;
      if (tf > 0) {
        present += 1;
        sum += scoreBm25(data, tf, doc, term);
      }
    }
    if (present === 0) continue;
    score = Math.max(score, (alternative.weight * sum) / alternative.terms.length);
    quality = Math.max(quality, (alternative.weight * present) / alternative.terms.length);
  }
  return { score, quality };
}
