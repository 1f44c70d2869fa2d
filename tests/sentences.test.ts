import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/core/knowledge/blocks.js';

describe('splitSentences', () => {
  it.each([
    [
      'A hydrologist at the University of Brenley, Dr. Samuel Okafor, says the truth is more complicated. He has a model.',
      [
        'A hydrologist at the University of Brenley, Dr. Samuel Okafor, says the truth is more complicated.',
        'He has a model.',
      ],
    ],
    ['Gen. Patton and Sen. Warren met Gov. Hochul.', ['Gen. Patton and Sen. Warren met Gov. Hochul.']],
    ['Mrs. Jones came. Prof. Lee left.', ['Mrs. Jones came.', 'Prof. Lee left.']],
    ['He voted for Plan B. Then he left.', ['He voted for Plan B.', 'Then he left.']],
    [
      'Open from 8 a.m. to 8 p.m. on weekdays. Closed on Sundays.',
      ['Open from 8 a.m. to 8 p.m. on weekdays.', 'Closed on Sundays.'],
    ],
  ])('keeps a title with the name after it: %j', (text, expected) => {
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(expected);
    for (const sentence of sentences)
      expect(text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
  });
});
