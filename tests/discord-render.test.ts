import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Citation } from '../src/core/citation.js';
import type { AnswerReply, ListReply, ResultCard } from '../src/core/reply.js';
import { encodeStored } from '../src/discord/custom-id.js';
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
  range: { start: 0, end: excerpt.length },
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
              ids: (action) => encodeStored('AbCdEf123456', action),
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
          expect(checkPayload(renderList(reply, page, (action) => encodeStored('AbCdEf123456', action)))).toEqual([]);
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
