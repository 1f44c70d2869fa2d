import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/core/knowledge/load.js';
import { PassageCatalog } from '../src/core/knowledge-base.js';
import { wordnetSynonyms } from '../src/core/lexicon/synonyms.js';
import { stemWord } from '../src/core/normalize.js';
import { SearchIndex } from '../src/core/search/search-index.js';

const FARM = `---
title: A farm
---

The farm keeps a herd of 80 beef cattle on the upper fields.

The cows of the next farm graze by the river, and the farmer grows barley.

Each spring the farmer repairs the barn roof and sells the barley.
`;

function paragraphsFound(question: string): number[] {
  const article = parseArticle('farm.md', FARM).article!;
  const outcome = new SearchIndex(new PassageCatalog([article])).search(question);
  return outcome.kind === 'answer' || outcome.kind === 'weak' ? outcome.hits.map((h) => h.passage.paragraph) : [];
}

describe('wordnetSynonyms', () => {
  it.each([
    ['cows', 'cattle'],
    ['kids', 'child'],
    ['tv', 'television'],
    ['hosepipe', 'hose'],
    ['chair', 'chairman'],
  ])('offers, by stems, %s → %s', (word, synonym) => {
    expect(wordnetSynonyms(stemWord(word))).toContain(stemWord(synonym));
  });

  it('offers nothing for a word WordNet lacks, nor for a key of Object.prototype', () => {
    expect(wordnetSynonyms(stemWord('lukashenko'))).toEqual([]);
    expect(wordnetSynonyms('hasOwnProperty')).toEqual([]);
    expect(wordnetSynonyms('__proto__')).toEqual([]);
  });

  it('never lists a word as its own synonym', () => {
    for (const word of ['cows', 'need', 'job', 'own'])
      expect(wordnetSynonyms(stemWord(word))).not.toContain(stemWord(word));
  });
});

describe('search through WordNet synonyms', () => {
  it('finds the passages that use a synonym of a word the library lacks ("kine" → cattle, cows)', () => {
    expect(paragraphsFound('kine')).toContain(1);
  });

  it('leaves a word the library holds to its own passages ("cows" finds paragraph 2 only, not the cattle)', () => {
    expect(paragraphsFound('cows')).toEqual([2]);
  });
});
