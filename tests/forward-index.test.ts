import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentTokens, forEachSurface, isStopword, tokenize } from '../src/core/normalize.js';
import { type ForwardInput, TermVocabulary, buildForwardIndex } from '../src/core/search/forward-index.js';

/**
 * The forward index is built by a hand-written scan with a hash table of packed words (forward-index.ts); these
 * tests hold it to the obvious build from `tokenize` and a Map per passage, on text made to hit its edges.
 */

interface Reference {
  readonly docs: { terms: number[]; tfs: number[]; length: number }[];
  readonly vocabulary: TermVocabulary;
}

function referenceBuild(input: ForwardInput): Reference {
  const vocabulary = new TermVocabulary();
  const docs = input.texts.map((text, doc) => {
    const counts = new Map<number, number>();
    let length = 0;
    for (const token of tokenize(text)) {
      if (isStopword(token.surface)) continue;
      length += 1;
      const id = vocabulary.termOf(token.surface) ?? vocabulary.intern(token.surface, token.term);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const context = contentTokens(input.contexts[input.contextOf[doc]!]!).map((t) =>
      vocabulary.intern(t.surface, t.term),
    );
    for (const id of new Set(context)) counts.set(id, (counts.get(id) ?? 0) + input.contextTf);
    // Terms in the order the passage first uses them, context terms last: a Map's order.
    const terms = [...counts.keys()];
    return { terms, tfs: terms.map((id) => counts.get(id)!), length: Math.max(length, 1) };
  });
  return { docs, vocabulary };
}

function built(input: ForwardInput): Reference {
  const vocabulary = new TermVocabulary();
  const forward = buildForwardIndex(input, vocabulary);
  const docs = input.texts.map((_, doc) => {
    const from = forward.docStart[doc]!;
    const to = forward.docStart[doc + 1]!;
    return {
      terms: Array.from(forward.docTerms.subarray(from, to)),
      tfs: Array.from(forward.docTfs.subarray(from, to)),
      length: forward.docLength[doc]!,
    };
  });
  return { docs, vocabulary };
}

/**
 * Words around the table's edges: up to and past eight characters (the longest held as packs), the same word in
 * other cases, numbers with separators, non-ASCII letters (one of which lower-cases to two characters), combining
 * marks, characters outside the Basic Multilingual Plane, curly quotes, and stopwords.
 */
const WORDS = [
  'a',
  'the',
  'Of',
  'belarus',
  'Belarus',
  'BELARUS',
  'abcdefg',
  'abcdefgh',
  'abcdefghi',
  'abcdefgH',
  'abcdefghij',
  'abcdefgi',
  'investment',
  'Investments',
  'aaaa',
  'aaaab',
  'aaaaaaaa',
  'aaaaaaab',
  'zzzzzzzzzzzzzzzzzzzz',
  '2.6',
  '100,000',
  '1,5',
  '3.',
  '.5',
  'x9',
  '9x',
  'Minsk',
  'Мінск',
  'café',
  'cafe\u0301',
  'İstanbul',
  'straße',
  'naïve',
  'Ⅻ',
  '٣',
  '𝐀bc',
  'China’s',
  'don’t',
  "it's",
  'co-operation',
  'e.g',
  'U.S.',
  'Zürich',
  'abcdéfgh',
  'abcdefgé',
];
const SEPARATORS = [
  ' ',
  ' ',
  ' ',
  ', ',
  '. ',
  '\n',
  ' — ',
  '“',
  '” ',
  '(',
  ') ',
  '-',
  "'",
  '’',
  '…',
  '\u00a0',
  '\t',
  '',
  '.',
  ',',
];

const text = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
      ),
      fc.constantFrom(...SEPARATORS),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

const input = fc
  .record({
    texts: fc.array(text, { minLength: 1, maxLength: 6 }),
    contexts: fc.array(text, { minLength: 1, maxLength: 3 }),
  })
  .chain(({ texts, contexts }) =>
    fc
      .array(fc.nat(contexts.length - 1), { minLength: texts.length, maxLength: texts.length })
      .map((of): ForwardInput => ({ texts, contexts, contextOf: Uint32Array.from(of), contextTf: 0.5 })),
  );

/** Pairs of words with the same hash in the table (found by a search): the table must still tell them apart. */
const SAME_HASH = [
  ['xfovjc', 'gwptbx'],
  ['xnqelgqc', 'pwltdqfk'],
  ['hqmyqriwxz', 'meiwwhdkeg'],
] as const;

describe('the scan of words', () => {
  it('finds the words tokenize finds, with the same surfaces and offsets', () => {
    fc.assert(
      fc.property(text, (value) => {
        const scanned: { surface: string; start: number; end: number }[] = [];
        forEachSurface(value, (surface, start, end) => scanned.push({ surface, start, end }));
        expect(scanned).toEqual(tokenize(value).map(({ surface, start, end }) => ({ surface, start, end })));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('the forward index', () => {
  it('holds each passage’s terms and counts, and the vocabulary in order of first meeting, as tokenize gives them', () => {
    fc.assert(
      fc.property(input, (value) => {
        const expected = referenceBuild(value);
        const actual = built(value);
        expect(actual.docs).toEqual(expected.docs);
        expect(actual.vocabulary.surfaces).toEqual(expected.vocabulary.surfaces);
        expect(actual.vocabulary.terms).toEqual(expected.vocabulary.terms);
      }),
      { numRuns: 400 },
    );
  });

  it('tells apart words that share their first eight characters, or their hash slot, across many passages', () => {
    // Enough distinct words to make the table grow several times, each seen in two cases and in two passages.
    const words = Array.from({ length: 40_000 }, (_, i) => `w${i.toString(36)}${i % 3 === 0 ? 'abcdefgh' : ''}`);
    const texts = [
      words.join(' '),
      words.map((w) => w.toUpperCase()).join(', '),
      words.slice(0, 100).reverse().join(' '),
    ];
    const value: ForwardInput = {
      texts,
      contexts: ['Title\nSection'],
      contextOf: new Uint32Array(texts.length),
      contextTf: 0.5,
    };
    const actual = built(value);
    expect(actual.docs).toEqual(referenceBuild(value).docs);
    expect(actual.vocabulary.surfaces.length).toBe(words.filter((w) => !isStopword(w)).length + 2);
  });

  it.each(SAME_HASH)('gives %s and %s, words of the same hash, terms of their own', (first, second) => {
    const value: ForwardInput = {
      texts: [`${first} ${second} ${first}`, `${second.toUpperCase()}`],
      contexts: [''],
      contextOf: new Uint32Array(2),
      contextTf: 0.5,
    };
    const actual = built(value);
    expect(actual.vocabulary.surfaces).toEqual([first, second]);
    expect(actual.docs).toEqual([
      { terms: [0, 1], tfs: [2, 1], length: 3 },
      { terms: [1], tfs: [1], length: 1 },
    ]);
  });
});
