import { forEachSurface } from '../normalize.js';
import type { WordMatch } from './excerpt.js';
import type { IndexData } from './index-data.js';
import type { Slot } from './types.js';

/**
 * Stage 5 of a search, with `selectExcerpt` (excerpt.ts): finding the query's words in a text, with the slot each
 * satisfies and its weight, which the excerpt picks its sentences by and bolds. Every word of an indexed passage
 * was interned under its surface, so the surfaces of the query's terms are known in advance: one lookup in a small
 * Map a word, no stemming. Stopwords, which passages never intern, are the one exception (a query of stopwords
 * only searches them), looked up by their stems.
 */
export function createQueryMatcher(data: IndexData, slots: readonly Slot[]): (text: string) => WordMatch[] {
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
  const { termSurfaceStart, termSurfaces, vocabulary } = data;
  for (const [term, hit] of byTerm) {
    for (let i = termSurfaceStart[term]!; i < termSurfaceStart[term + 1]!; i++)
      bySurface.set(vocabulary.surfaces[termSurfaces[i]!]!, hit);
  }
  for (const [stopword, term] of data.stopwordTerms) {
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
