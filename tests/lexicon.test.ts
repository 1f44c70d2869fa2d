import { describe, expect, it } from 'vitest';
import { wordnetSynonyms } from '../src/core/lexicon/synonyms.js';
import { stemWord } from '../src/core/normalize.js';

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
