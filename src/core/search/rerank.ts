import Fuse from 'fuse.js';
import { forEachSurface, isStopword, normalizeFast } from '../normalize.js';
import { SEARCH_DEFAULTS } from './defaults.js';
import type { IndexData } from './index-data.js';
import type { PassageSource, ScoredPassage, Slot } from './types.js';

/**
 * Stage 4 of a search: the best `rerankCandidates` of the scored passages, re-ranked by how close the query's
 * words stand in each (proximity) and by fuse.js's approximate match of each query word in its sentences; the
 * rest keep their order after them. Each factor is 0 to 1 and multiplies the score (see `SEARCH_DEFAULTS`).
 */
export function rerankCandidates(
  data: IndexData,
  source: PassageSource,
  slots: readonly Slot[],
  scored: readonly ScoredPassage[],
): ScoredPassage[] {
  const { rerankCandidates: count, proximityWeight, fuseBase, fuseWeight } = SEARCH_DEFAULTS;
  const top = scored.slice(0, count);
  const fuzzy = scoreWithFuse(
    source,
    slots,
    top.map((s) => s.doc),
  );
  const slotOfTerm = new Map<number, number>();
  slots.forEach((slot, index) => {
    for (const alternative of slot.alternatives)
      for (const term of alternative.terms) if (!slotOfTerm.has(term)) slotOfTerm.set(term, index);
  });
  const reranked = top.map((s) => {
    const near = measureProximity(data, slots, slotOfTerm, source.passages[s.doc]!.text);
    return {
      ...s,
      score: s.score * (1 + proximityWeight * near) * (fuseBase + fuseWeight * (fuzzy.get(s.doc) ?? 0)),
    };
  });
  reranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return [...reranked, ...scored.slice(count)];
}

/**
 * Bonus for neighbouring query words that stand close together in the passage, in the query's order or not: the
 * share of the query's neighbouring pairs (weighted by the rarer word's IDF) found within `nearWords` words.
 */
function measureProximity(
  data: IndexData,
  slots: readonly Slot[],
  slotOfTerm: ReadonlyMap<number, number>,
  text: string,
): number {
  const { nearWords, nearBonus } = SEARCH_DEFAULTS;
  const positions: number[][] = slots.map(() => []);
  let position = 0;
  forEachSurface(text, (surface) => {
    if (isStopword(surface)) return;
    // Every word of an indexed passage was interned under its surface: no need to stem it again.
    const id = data.vocabulary.termOf(surface);
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
    if (nearest <= nearWords) bonus += weight * (nearest <= 1 ? 1 : nearBonus);
  }
  return possible > 0 ? bonus / possible : 0;
}

/** A sentence of a candidate, as fuse.js searches it. */
interface SentenceRecord {
  readonly doc: number;
  readonly text: string;
}

/**
 * How well fuse.js finds each query word in each candidate, 0 to 1: for each slot, a `Fuse` over the candidates'
 * sentences (normalised as the index reads them) that may hold the word; a passage takes its best sentence's
 * similarity (1 − fuse.js's score) for each slot, and the slots are averaged by rarity (IDF).
 */
export function scoreWithFuse(
  source: PassageSource,
  slots: readonly Slot[],
  docs: readonly number[],
): Map<number, number> {
  const { fuseMinWord, fuseMaxPattern, fuse: options } = SEARCH_DEFAULTS;
  const totals = new Map<number, number>();
  const patterns = slots.filter((slot) => slot.words.join(' ').length >= fuseMinWord);
  if (patterns.length === 0) return totals;
  const records: SentenceRecord[] = [];
  for (const doc of docs)
    for (const sentence of source.passages[doc]!.sentences) records.push({ doc, text: normalizeFast(sentence.text) });
  let weightSum = 0;
  for (const slot of patterns) {
    weightSum += slot.idf;
    const pattern = slot.words.join(' ').slice(0, fuseMaxPattern).toLowerCase();
    // Each query word scans only the sentences that can hold it: a Fuse over a few of them, not over all.
    const fuse = new Fuse(
      records.filter((record) => mayMatch(pattern, record.text, options.threshold)),
      options,
    );
    const best = new Map<number, number>();
    for (const { item, score } of fuse.search(pattern)) {
      const similarity = 1 - (score ?? 1);
      if (similarity > (best.get(item.doc) ?? 0)) best.set(item.doc, similarity);
    }
    for (const [doc, similarity] of best) totals.set(doc, (totals.get(doc) ?? 0) + slot.idf * similarity);
  }
  for (const [doc, total] of totals) totals.set(doc, total / weightSum);
  return totals;
}

/**
 * Whether `text` can hold `pattern` with as many errors as `threshold` allows (a share of the pattern's length),
 * both lower-case. A match with k errors (insertions, deletions, substitutions) leaves at least one of k + 1 pieces
 * of the pattern untouched, so if no piece occurs verbatim there is no match: a few `indexOf` calls spare most
 * sentences fuse.js's scan of them, which measured 2.5 times the cost of the rest of a search. Never rejects a text
 * fuse.js would match; may accept one it will not.
 */
function mayMatch(pattern: string, text: string, threshold: number): boolean {
  const length = pattern.length;
  let errors = 0;
  while ((errors + 1) / length <= threshold) errors++;
  const pieces = errors + 1;
  for (let k = 0; k < pieces; k++) {
    const piece = pattern.slice(Math.floor((k * length) / pieces), Math.floor(((k + 1) * length) / pieces));
    if (text.includes(piece)) return true;
  }
  return false;
}
