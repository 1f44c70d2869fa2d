import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/core/knowledge/load.js';
import { PassageCatalog } from '../src/core/knowledge-base.js';
import { answerTestOf } from '../src/core/search/answer-kind.js';
import { SearchIndex } from '../src/core/search/search-index.js';

const REPORT = `---
title: A library report
---

The price of e-book licences remains the board's greatest concern. Many licences expire after 24 months, after which the title must be bought again. Publishers set the terms.

The board set out its plans for the licences in a letter:

- to share licences with the county.
`;

function excerptFor(question: string): string {
  const article = parseArticle('report.md', REPORT).article!;
  const outcome = new SearchIndex(new PassageCatalog([article])).search(question);
  if (outcome.kind !== 'answer' && outcome.kind !== 'weak') throw new Error(outcome.kind);
  return outcome.hits[0]!.excerpt.text;
}

describe('answerTestOf', () => {
  it.each([
    ['when was the light switched off', 'It was switched off on 30 June 1987.', 'The tower was switched off for good.'],
    ['When do ebook licences run out?', 'Many expire after 24 months.', 'Licences are a concern.'],
    ['how often could a drought like this happen', 'It could occur one year in five.', 'The drought is not a one-off.'],
    ['how much did the reservoir cost', 'It cost her £85,000.', 'The reservoir was costly.'],
    ['what share of the city are members', 'Members are 37 percent of the city.', 'Members live in the city.'],
    [
      'why did the Orinda run aground',
      'It ran aground because the captain mistook the light.',
      'The Orinda ran aground.',
    ],
  ])('%j wants a sentence like %j, not %j', (question, answering, other) => {
    const test = answerTestOf(question);
    expect(test?.(answering)).toBe(true);
    expect(test?.(other)).toBe(false);
  });

  it.each(['who designed the lighthouse', 'what is the Harwick Cow', 'Tresk Head', 'is the river flowing again'])(
    'asks for no particular kind in %j',
    (question) => {
      expect(answerTestOf(question)).toBeUndefined();
    },
  );
});

describe('the excerpt', () => {
  it.each([
    ['when do e-book licences run out', 'expire after 24 months'],
    ['what is the board concerned about with licences', 'greatest concern'],
  ])('for %j shows %j', (question, shown) => {
    expect(excerptFor(question)).toContain(shown);
  });

  it('adds the sentence that answers "when" to the one that repeats the question\'s words, and no more', () => {
    expect(excerptFor('when are e-book licences a concern')).toBe(
      "The price of e-book licences remains the board's greatest concern. Many licences expire after 24 months, after which the title must be bought again.",
    );
  });

  it('shows what a lead-in ending with a colon leads to', () => {
    expect(excerptFor('board plans letter')).toBe(
      'The board set out its plans for the licences in a letter:\nto share licences with the county.',
    );
  });
});
