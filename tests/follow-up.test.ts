import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { followUpOf, leansOnEarlier } from '../src/core/follow-up.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { answerQuestion } from '../src/core/reply.js';

describe('leansOnEarlier', () => {
  it.each(['and in 2023?', 'who said that?', 'And in February?', 'why?', 'Sanctions too?'])(
    '"%s" is short and names nothing of its own',
    (text) => expect(leansOnEarlier(text)).toBe(true),
  );

  it.each([
    'what about Arkon?',
    'And SkyLink?',
    'how many cars did the company recall in Germany last year after the complaints?',
    '',
  ])('"%s" stands on its own', (text) => expect(leansOnEarlier(text)).toBe(false));
});

describe('followUpOf', () => {
  it('keeps the earlier scope, and adds the earlier words only where the follow-up leans on them', () => {
    const earlier = { query: 'who runs Arkon', article: 'arkon-price-cuts' };
    expect(followUpOf('and since when?', earlier)).toEqual({
      question: 'and since when?',
      article: 'arkon-price-cuts',
      context: 'who runs Arkon',
    });
    expect(followUpOf('what about SkyLink?', earlier)).toEqual({
      question: 'what about SkyLink?',
      article: 'arkon-price-cuts',
    });
  });

  it('carries the words of a chain of follow-ups, at most 24 of them', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const next = followUpOf('and then?', { query: 'and in 2019?', context: long });
    expect(next.context?.split(' ')).toHaveLength(24);
    expect(next.context?.startsWith('and in 2019?')).toBe(true);
  });
});

describe('a follow-up searched with the earlier question at lower weight', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(path.join(import.meta.dirname, 'fixtures/news-library'));
  });

  it('answers "and in 2019?" about the earlier subject: the same words find another passage after another question', () => {
    const afterLaunch = answerQuestion(kb, 'and in 2019?', { context: 'when did SkyLink launch its satellite' });
    const afterSales = answerQuestion(kb, 'and in 2019?', { context: 'how did Arkon sales fall' });
    expect(afterLaunch.results[0]?.excerpt.text).toContain('first satellite was launched in 2019');
    expect(afterSales.results[0]?.excerpt.text).toContain('lowest level since 2019');
    expect(afterSales.context).toBe('how did Arkon sales fall');
  });

  it('lets the follow-up’s own words decide over the earlier ones', () => {
    const followed = answerQuestion(kb, 'interest rates', { context: 'Arkon car prices Europe' });
    expect(followed.results[0]?.excerpt.text).toMatch(/interest rates|rates/);
  });
});
