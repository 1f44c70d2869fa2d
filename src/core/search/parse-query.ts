import { wordnetSynonyms } from '../lexicon/synonyms.js';
import { isStopword, tokenize } from '../normalize.js';
import { SEARCH_DEFAULTS } from './defaults.js';
import { isEnglishWord } from './dictionary.js';
import { type IndexData, termsOf } from './index-data.js';
import { lowerBound } from './lower-bound.js';
import type { Alternative, Slot } from './types.js';

/**
 * Stage 1 of a search: the query becomes slots, one per content word or declared phrase, each with the terms of
 * the library that would satisfy it: the word itself (weight 1), its synonyms, its spelling neighbours (typo
 * index), the words it begins, and, for a word the library lacks, its WordNet synonyms.
 */
export function parseQuery(data: IndexData, query: string, prefixLast: boolean): Slot[] {
  const all = tokenize(query);
  const content = all.filter((t) => !isStopword(t.surface));
  const tokens = content.length > 0 ? content : all;
  const slots: Slot[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    const isLast = i === tokens.length - 1;
    const phrase = (data.aliases.phrasesByFirstTerm.get(token.term) ?? []).find((p) =>
      p.terms.every((t, k) => tokens[i + k]?.term === t),
    );
    if (phrase) {
      const alternatives: Alternative[] = [];
      for (const member of data.aliases.groups[phrase.group]!) {
        const terms = termsOf(member);
        const ids = terms.map((t) => data.vocabulary.termIds.get(t)).filter((id): id is number => id !== undefined);
        if (ids.length === 0 || ids.length < terms.length / 2) continue;
        const same = terms.length === phrase.terms.length && terms.every((t, k) => t === phrase.terms[k]);
        alternatives.push({
          terms: ids,
          weight: (same ? 1 : SEARCH_DEFAULTS.aliasWeight) * (ids.length / terms.length),
        });
      }
      const words = tokens.slice(i, i + phrase.terms.length).map((t) => t.surface);
      if (phrase.terms.length === 1)
        alternatives.push(...wordAlternatives(data, token.surface, token.term, isLast && prefixLast));
      slots.push(makeSlot(data, alternatives, words));
      i += phrase.terms.length;
      continue;
    }
    slots.push(
      makeSlot(data, wordAlternatives(data, token.surface, token.term, isLast && prefixLast), [token.surface]),
    );
    i += 1;
  }
  return slots;
}

/**
 * The slots of an earlier question that a follow-up is searched with, each weighed at `contextWeight`; a word
 * the follow-up asks for itself keeps its own full weight instead.
 */
export function contextSlots(data: IndexData, context: string, own: readonly Slot[]): Slot[] {
  const asked = new Set(own.flatMap((slot) => slot.words.map((w) => w.toLowerCase())));
  return parseQuery(data, context, false)
    .filter((slot) => !slot.words.every((w) => asked.has(w.toLowerCase())))
    .map((slot) => ({ ...slot, idf: slot.idf * SEARCH_DEFAULTS.contextWeight }));
}

/** The terms of up to `limit` library words that `prefix` begins (not `prefix` itself), in sorted order. */
function prefixTerms(data: IndexData, prefix: string, limit: number): number[] {
  const { sortedSurfaces, vocabulary } = data;
  const out = new Set<number>();
  for (let i = lowerBound(sortedSurfaces, prefix); i < sortedSurfaces.length && out.size < limit; i++) {
    const surface = sortedSurfaces[i]!;
    if (!surface.startsWith(prefix)) break;
    if (surface !== prefix) out.add(vocabulary.termOf(surface)!);
  }
  return [...out];
}

function wordAlternatives(data: IndexData, surface: string, term: string, isPrefix: boolean): Alternative[] {
  const { fuzzyWeight, prefixWeight, typedPrefixWeight, maxPrefixExpansions, maxFuzzyExpansions } = SEARCH_DEFAULTS;
  const { vocabulary } = data;
  const alternatives: Alternative[] = [];
  const exact = vocabulary.termIds.get(term) ?? vocabulary.termOf(surface);
  if (exact !== undefined) alternatives.push({ terms: [exact], weight: 1 });
  if (!vocabulary.surfaceIds.has(surface) && !/^\d/.test(surface)) {
    const neighbours = data.typos.lookup(surface).slice(0, maxFuzzyExpansions);
    const factor = neighbours.length > 0 && isEnglishWord(surface) ? SEARCH_DEFAULTS.realWordFuzzyFactor : 1;
    for (const { id, distance } of neighbours) {
      const termId = vocabulary.surfaceTerms[id]!;
      if (termId !== exact) alternatives.push({ terms: [termId], weight: (fuzzyWeight[distance] ?? 0) * factor });
    }
  }
  // A word the library never uses may be the asker's word for one it does ("cows" for "cattle"). Only then, and
  // never for the word being typed: where the library holds the word, WordNet's other senses only add noise.
  if (exact === undefined && !isPrefix) {
    for (const synonym of wordnetSynonyms(term)) {
      const id = vocabulary.termIds.get(synonym);
      if (id !== undefined) alternatives.push({ terms: [id], weight: SEARCH_DEFAULTS.wordnetWeight });
    }
  }
  if (surface.length >= (isPrefix ? SEARCH_DEFAULTS.minTypedPrefix : SEARCH_DEFAULTS.minPrefix)) {
    for (const id of prefixTerms(data, surface, maxPrefixExpansions)) {
      if (id !== exact) alternatives.push({ terms: [id], weight: isPrefix ? typedPrefixWeight : prefixWeight });
    }
  }
  return alternatives;
}

function slotIdf(data: IndexData, alternatives: readonly Alternative[]): number {
  let best = 0;
  for (const alternative of alternatives) {
    if (alternative.weight < 1) continue;
    let sum = 0;
    for (const id of alternative.terms) sum += data.idf[id]!;
    best = Math.max(best, sum / alternative.terms.length);
  }
  // A word only found through a typo, prefix or synonym keeps the rarity of what it found. One the library never
  // uses weighs as much as a word used once: often it is only the asker's phrasing ("little", "happened").
  if (best === 0)
    for (const alternative of alternatives) for (const id of alternative.terms) best = Math.max(best, data.idf[id]!);
  return best > 0 ? best : data.rareIdf;
}

/** Keeps the best weight for each set of terms: a word can be reached both directly and through a synonym. */
function makeSlot(data: IndexData, alternatives: readonly Alternative[], words: readonly string[]): Slot {
  const best = new Map<string, Alternative>();
  for (const alternative of alternatives) {
    const key = alternative.terms.join(' ');
    if ((best.get(key)?.weight ?? -1) < alternative.weight) best.set(key, alternative);
  }
  const unique = [...best.values()];
  return { alternatives: unique, idf: slotIdf(data, unique), words };
}
