import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Citation } from '../src/core/citation.js';
import type { AnswerReply, ListReply, ResultCard } from '../src/core/reply.js';
import { decodeButton, encodeButton } from '../src/discord/custom-id.js';
import { checkPayload } from '../src/discord/limits.js';
import { renderAnswer, renderList, renderNotice } from '../src/discord/render.js';

const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ minLength: 3_000, maxLength: 5_000 }),
  fc.constantFrom(
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@&123456789012345678>',
    '```js\n',
    '**',
    '\\',
    '|| spoiler ||',
    '(a+)+$',
    '\u200b\u202e',
    '👩‍👩‍👧‍👦',
  ),
  fc
    .array(fc.constantFrom('*', '_', '~', '`', '>', '#', '-', '@', 'a', ' ', '\n'), { maxLength: 2_000 })
    .map((a) => a.join('')),
);

const citation = (text: string): Citation => ({
  articleSlug: 's',
  title: text || 't',
  author: text,
  section: text,
  paragraph: 3,
  passageId: 's#3',
  url: 'https://example.org/a#:~:text=x',
});

const card = fc.tuple(hostile, hostile, fc.nat()).map(([excerpt, meta, n]): ResultCard => ({
  citation: citation(meta),
  excerpt: {
    text: excerpt,
    highlights: excerpt.length > 4 ? [{ start: n % (excerpt.length - 2), end: (n % (excerpt.length - 2)) + 2 }] : [],
  },
  score: 1,
  coverage: 1,
  confidence: 'high',
}));

describe('Discord rendering stays inside every limit, whatever the text', () => {
  it('answers, with any question and any excerpt', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.array(card, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (query, results, isPrivate) => {
          const reply: AnswerReply = { kind: 'answer', query, status: 'weak', results, articles: [] };
          for (let index = 0; index < results.length; index++) {
            const payload = renderAnswer(reply, {
              index,
              private: isPrivate,
              version: 'abcdef12',
              keys: results.map(() => 'abcdef'),
            });
            expect(checkPayload(payload)).toEqual([]);
          }
        },
      ),
      { numRuns: 30, endOnFailure: true },
    );
  });

  it('lists and notices, with any number of long items', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.array(fc.tuple(hostile, hostile), { maxLength: 40 }),
        fc.array(card, { maxLength: 5 }),
        fc.nat(6),
        (title, items, results, page) => {
          const reply: ListReply = {
            kind: 'list',
            title: title || 'x',
            items: items.map(([label, text]) => ({ label, text: { text, highlights: [] }, citation: citation(label) })),
            emptyText: 'none',
            results,
          };
          expect(
            checkPayload(renderList(reply, page, { version: 'v', command: 'timeline', options: { about: title } })),
          ).toEqual([]);
          expect(
            checkPayload(
              renderNotice({
                kind: 'notice',
                tone: 'info',
                text: title || 'x',
                fields: items.map(([name, value]) => ({ name: name || 'n', value: value || 'v' })),
              }),
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  });
});

describe('button state in the custom_id', () => {
  it.each([
    ['a short question', 'how much has China invested?'],
    ['a question with the separator in it', 'a|b|c'],
    ['a question far over 100 characters', 'x'.repeat(500)],
  ])('round-trips the answer state for %s, within 100 characters', (_name, query) => {
    const state = {
      kind: 'answer',
      view: 'context',
      version: 'abcdef',
      index: 2,
      keys: ['aaaaaa', 'bbbbbb', 'cccccc'],
      private: true,
      query,
    } as const;
    const id = encodeButton(state);
    expect(id.length).toBeLessThanOrEqual(100);
    const decoded = decodeButton(id);
    expect(decoded).toMatchObject({ ...state, query: expect.any(String) });
    expect(query.startsWith((decoded as { query: string }).query)).toBe(true);
  });

  it('round-trips list paging with its options', () => {
    const id = encodeButton({
      kind: 'list',
      version: 'abcdef',
      page: 1,
      command: 'timeline',
      options: { from: '2020', about: 'Xi & co' },
    });
    expect(decodeButton(id)).toEqual({
      kind: 'list',
      version: 'abcdef',
      page: 1,
      command: 'timeline',
      options: { from: '2020', about: 'Xi & co' },
    });
  });

  it.each(['other-bot:thing', '', 'fn1|a|v|x', 'fn1|a|v|0||p|q', 'fn1|l|v|0||'])(
    'rejects %j as foreign or malformed',
    (id) => {
      expect(['foreign', 'malformed']).toContain(decodeButton(id).kind);
    },
  );
});
