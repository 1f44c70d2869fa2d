import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, PASSAGE_WORDS } from '../tools/bench/corpus.js';
import { buildQueries, keystrokePrefixes, misspell, spreadSample } from '../tools/bench/queries.js';
import { createRandom } from '../tools/bench/random.js';
import { checkTargets, formatReport, formatTable, toJson } from '../tools/bench/report.js';
import { type BenchResult, runBenchmark } from '../tools/bench/run.js';
import { median, percentile } from '../tools/bench/timing.js';
import type { EvalQuestion } from '../tools/eval/metrics.js';
import { type Library, loadLibrary } from '../src/core/knowledge/load.js';
import { allowedEdits, editDistance } from '../src/core/search/typo-index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A few questions about the seed article, in the eval format: enough to exercise every part of a run. */
const QUESTIONS: readonly EvalQuestion[] = [
  { q: 'polonez rocket system', expect: ['Polonez multiple launch rocket system'] },
  { q: 'when did Li Qiang visit Minsk', expect: ['visit to Belarus on August 23'] },
  { q: 'how much has China invested in Belarus', expect: ['total volume of investments from China'] },
  { q: 'peacemaker', expect: ['peacemaker'] },
];

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(path.join(REPO, 'knowledge'));
});

describe('the synthetic corpora', () => {
  it('are the same text on every run with the same options', () => {
    for (const shape of ['mixed', 'dense'] as const) {
      const a = generateCorpus({ passages: 300, shape, seed: library.articles });
      const b = generateCorpus({ passages: 300, shape, seed: library.articles });
      expect(a.passages.map((p) => p.text)).toEqual(b.passages.map((p) => p.text));
      expect(
        generateCorpus({ passages: 300, shape, seed: library.articles, randomSeed: 7 }).passages[0]!.text,
      ).not.toBe(a.passages[0]!.text);
    }
  });

  it.each(['mixed', 'dense'] as const)(
    '%s: the size asked for, the seed planted whole, synthetic passages of 80 to 120 words',
    (shape) => {
      const corpus = generateCorpus({ passages: 1_000, shape, seed: library.articles });
      expect(corpus.passages).toHaveLength(1_000);
      const seedIds = library.articles.flatMap((a) => a.passages.map((p) => p.id));
      expect([...corpus.planted].sort()).toEqual([...seedIds].sort());
      for (const [k, at] of corpus.plantedAt.entries())
        expect(corpus.passages[at]!.id).toBe(library.articles[k]!.passages[0]!.id);
      expect(new Set(corpus.passages.map((p) => p.id)).size).toBe(1_000);
      for (const passage of corpus.passages) {
        if (corpus.planted.has(passage.id)) continue;
        const words = passage.text.split(/\s+/).length;
        expect(words).toBeGreaterThanOrEqual(PASSAGE_WORDS.min);
        expect(words).toBeLessThanOrEqual(PASSAGE_WORDS.max);
        for (const sentence of passage.sentences)
          expect(passage.text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
      }
      for (const article of corpus.articles.filter((a) => a.slug.startsWith('bench-')))
        expect(article.passages.length).toBeGreaterThanOrEqual(50);
    },
  );

  it('mixed: the seed’s key word is in a few percent of passages; dense: in most of them', () => {
    const share = (shape: 'mixed' | 'dense'): number => {
      const corpus = generateCorpus({ passages: 2_000, shape, seed: library.articles });
      return corpus.passages.filter((p) => /belarus/i.test(p.text)).length / corpus.passages.length;
    };
    expect(share('mixed')).toBeGreaterThan(0.01);
    expect(share('mixed')).toBeLessThan(0.1);
    expect(share('dense')).toBeGreaterThan(0.6);
  });
});

describe('the queries', () => {
  it('are the questions, then misspelt variants of each, the same on every run', () => {
    const queries = buildQueries(QUESTIONS, 5);
    expect(queries).toHaveLength(QUESTIONS.length * 6);
    expect(queries.slice(0, QUESTIONS.length).map((q) => q.text)).toEqual(QUESTIONS.map((q) => q.q));
    expect(buildQueries(QUESTIONS, 5)).toEqual(queries);
    for (const query of queries) expect(query.expect).toBe(QUESTIONS[query.question]!.expect);
  });

  it('misspell a word within the edits search forgives for its length', () => {
    const random = createRandom(3);
    for (const word of ['belarus', 'lukashenko', 'rocket', 'china', 'investment']) {
      for (let i = 0; i < 20; i++) {
        const typo = misspell(word, random);
        expect(editDistance(word, typo, 4)).toBeLessThanOrEqual(allowedEdits(word.length));
      }
    }
  });

  it.each([
    ['abc', ['a', 'ab', 'abc']],
    ['a b', ['a', 'a ', 'a b']],
    [' x', [' x']],
  ])('keystrokePrefixes(%j) is %j', (text, expected) => {
    expect(keystrokePrefixes(text)).toEqual(expected);
  });

  it('spreadSample picks evenly and keeps order', () => {
    expect(spreadSample([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([1, 3, 5, 7]);
    expect(spreadSample([1, 2], 5)).toEqual([1, 2]);
  });
});

describe('timing arithmetic', () => {
  const oneTo200 = Array.from({ length: 200 }, (_, i) => i + 1);
  it.each([
    { label: '[5, 1, 3]', samples: [5, 1, 3], p: 50, expected: 3 },
    { label: '[5, 1, 3]', samples: [5, 1, 3], p: 99, expected: 5 },
    { label: '1..200', samples: oneTo200, p: 99, expected: 198 },
    { label: '1..200', samples: oneTo200, p: 50, expected: 100 },
    { label: '[7]', samples: [7], p: 99, expected: 7 },
  ])('p$p of $label is $expected (nearest rank)', ({ samples, p, expected }) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('median of an even count is the mean of the middle two; of none, NaN', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('formatTable aligns text left and figures right', () => {
    expect(
      formatTable(
        ['name', 'ms'],
        [
          ['a', '1.5'],
          ['long', '10'],
        ],
        (c) => c === 1,
      ),
    ).toBe('name   ms\n----  ---\na     1.5\nlong   10');
  });
});

describe('a small run (1,000 passages, both shapes, a few queries)', () => {
  let result: BenchResult;
  beforeAll(async () => {
    result = await runBenchmark({
      seed: library.articles,
      aliases: library.aliases,
      questions: QUESTIONS,
      sizes: [1_000],
      variants: 2,
      plan: (engine) =>
        engine === 'fuse.js'
          ? { askQueries: 2, autocompleteLookups: 2, rounds: 1, builds: 1 }
          : { askQueries: 12, autocompleteLookups: 20, rounds: 1, builds: 1 },
    });
  });

  it('gives the JSON issue 6 asks for: { cores, sizes: [{ passages, shape, engines: [{ name, buildMs, heapMB, ask, autocomplete, hit3 }] }] }', () => {
    const json = toJson(result) as {
      cores: number;
      sizes: { passages: number; shape: string; engines: Record<string, unknown>[] }[];
    };
    expect(json.cores).toBeGreaterThanOrEqual(1);
    expect(json.sizes.map((s) => [s.passages, s.shape])).toEqual([
      [1_000, 'mixed'],
      [1_000, 'dense'],
    ]);
    for (const size of json.sizes) {
      expect(size.engines.map((e) => e.name)).toEqual(['footnote', 'fuse.js', 'minisearch']);
      for (const engine of size.engines) {
        expect(engine).toMatchObject({
          buildMs: expect.any(Number),
          heapMB: expect.any(Number),
          ask: { p50: expect.any(Number), p99: expect.any(Number) },
          autocomplete: { p50: expect.any(Number), p99: expect.any(Number) },
          hit3: expect.any(Number),
        });
      }
    }
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('has sane values: times not negative, p99 at least p50, hit@3 between 0 and 1', () => {
    for (const size of result.sizes) {
      for (const engine of size.engines) {
        expect(engine.buildMs).toBeGreaterThan(0);
        expect(Number.isFinite(engine.heapMB)).toBe(true);
        for (const latency of [engine.ask, engine.autocomplete]) {
          expect(latency.p50).toBeGreaterThanOrEqual(0);
          expect(latency.p99).toBeGreaterThanOrEqual(latency.p50);
        }
        expect(engine.hit3).toBeGreaterThanOrEqual(0);
        expect(engine.hit3).toBeLessThanOrEqual(1);
      }
      expect(size.versusMinisearch?.queries).toBe(12);
    }
  });

  it('finds the planted passages in the mixed library (footnote hit@3 well above chance)', () => {
    expect(result.sizes[0]!.engines[0]!.hit3).toBeGreaterThan(0.5);
  });

  it('prints a table with the core count, every engine, the ratios, and no targets for sizes it did not run', () => {
    const text = formatReport(result);
    expect(text).toContain(`${result.cores} cores`);
    for (const name of ['footnote', 'fuse.js', 'minisearch']) expect(text).toContain(name);
    expect(text).toContain('hit@3 vs MiniSearch');
    expect(checkTargets(result)).toEqual([]);
  });
});
