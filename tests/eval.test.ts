import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BM25_DEFAULTS, createBm25Index, tuneBm25 } from '../tools/eval/bm25-baseline.js';
import {
  type EvalQuestion,
  type EvalReport,
  type Ranker,
  type Ranking,
  createFootnoteRanker,
  createFuseBaseline,
  evaluate,
  parseEvalQuestions,
} from '../tools/eval/metrics.js';
import { SECOND_SET, SHARED_SET as FOUND_SHARED_SET } from '../tools/eval/sets.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { normalizeText } from '../src/core/normalize.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OWN_SET = path.join(REPO, 'tests/questions.json');
const SHARED_SET = FOUND_SHARED_SET ?? path.resolve(REPO, '../shared/eval/questions.dev.json');
const HAS_SHARED = existsSync(SHARED_SET);

const FLOORS = { hitAt1: 0.85, hitAt3: 0.95 };

function readSet(file: string): EvalQuestion[] {
  const questions = parseEvalQuestions(JSON.parse(readFileSync(file, 'utf8')));
  if (typeof questions === 'string') throw new Error(`${file}: ${questions}`);
  return questions;
}

const fold = (text: string): string => normalizeText(text).replace(/\s+/g, ' ');

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
});

function report(questions: readonly EvalQuestion[], base: KnowledgeBase = kb): EvalReport {
  return evaluate(questions, {
    footnote: createFootnoteRanker(base.index),
    'fuse.js': createFuseBaseline(base.passages),
  });
}

/** The questions footnote does not answer first, with their rank, for the assertion message. */
function misses(result: EvalReport): string {
  return result.ranks
    .filter((row) => row.ranks.footnote !== 1)
    .map((row) => `  rank ${row.ranks.footnote || '>10'}: ${row.q}`)
    .join('\n');
}

function checkFloors(result: EvalReport): void {
  const footnote = result.engines.footnote!;
  const fuse = result.engines['fuse.js']!;
  const figures = `footnote hit@1 ${footnote.hitAt1.toFixed(3)} hit@3 ${footnote.hitAt3.toFixed(3)} MRR ${footnote.mrr.toFixed(3)}; fuse.js hit@1 ${fuse.hitAt1.toFixed(3)} MRR ${fuse.mrr.toFixed(3)}\n${misses(result)}`;
  expect(footnote.hitAt1, figures).toBeGreaterThanOrEqual(FLOORS.hitAt1);
  expect(footnote.hitAt3, figures).toBeGreaterThanOrEqual(FLOORS.hitAt3);
  expect(footnote.hitAt1, figures).toBeGreaterThan(fuse.hitAt1);
  expect(footnote.mrr, figures).toBeGreaterThan(fuse.mrr);
}

describe('the project question set (tests/questions.json)', () => {
  const questions = readSet(OWN_SET);

  it('holds at least 36 well-formed questions', () => {
    expect(questions.length).toBeGreaterThanOrEqual(36);
    expect(new Set(questions.map((q) => fold(q.q))).size).toBe(questions.length);
    for (const question of questions) expect(question.note, question.q).toEqual(expect.any(String));
  });

  it('expects only exact phrases of the seed article, each inside one passage', () => {
    const passages = kb.passages.map((p) => fold(p.text));
    for (const question of questions) {
      for (const phrase of question.expect)
        expect(
          passages.some((text) => text.includes(fold(phrase))),
          `"${phrase}" (for "${question.q}")`,
        ).toBe(true);
    }
  });

  it('asks about every one of the 18 paragraphs', () => {
    const targeted = new Set<number>();
    for (const question of questions) {
      kb.passages.forEach((passage) => {
        if (question.expect.some((phrase) => fold(passage.text).includes(fold(phrase))))
          targeted.add(passage.paragraph);
      });
    }
    expect([...targeted].sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it.each([
    ['natural questions', /natural/i, 10],
    ['keyword queries', /keyword/i, 5],
    ['misspellings', /misspelling/i, 5],
    ['synonyms and aliases', /alias|synonym/i, 10],
    ['paraphrases', /paraphrase/i, 4],
  ])('includes %s', (_kind, note, atLeast) => {
    expect(questions.filter((q) => note.test(q.note ?? '')).length).toBeGreaterThanOrEqual(atLeast);
  });

  it.each(['BRI', 'EAEU', 'premier', 'Lukashenka', 'Xi'])('uses the alias %s in some question', (alias) => {
    expect(questions.some((q) => new RegExp(`\\b${alias}\\b`, 'i').test(q.q))).toBe(true);
  });

  it.skipIf(!HAS_SHARED)('copies no question of the shared reference set', () => {
    const shared = new Set(readSet(SHARED_SET).map((q) => fold(q.q)));
    expect(questions.filter((q) => shared.has(fold(q.q)))).toEqual([]);
  });

  it(`meets the floors: footnote hit@1 ≥ ${FLOORS.hitAt1}, hit@3 ≥ ${FLOORS.hitAt3}, and beats plain fuse.js`, () => {
    checkFloors(report(questions));
  });
});

describe(
  HAS_SHARED
    ? 'the shared reference set (../shared/eval/questions.dev.json)'
    : 'the shared reference set: skipped, ../shared/eval/questions.dev.json not found',
  () => {
    it.skipIf(!HAS_SHARED)(
      `meets the floors: footnote hit@1 ≥ ${FLOORS.hitAt1}, hit@3 ≥ ${FLOORS.hitAt3}, and beats plain fuse.js`,
      () => {
        checkFloors(report(readSet(SHARED_SET)));
      },
    );
  },
);

/**
 * Floors of the second set, a little under what one run measures on each half:
 * a change that costs more than noise fails here.
 */
const SECOND_FLOORS = {
  hitAt1: 0.8,
  hitAt3: 0.9,
  /** Footnote's hit@1 less tuned BM25's: measured 0 on both halves, the issue's aim is +0.05. */
  aheadOfBm25: 0,
  excerptShowsAnswer: 0.94,
  strongRight: 0.9,
  /** Measured 0.044 and 0.055 on the halves with weakCoverage 0.35 (see defaults.ts); the aim is 0.02. */
  notCoveredWhenRight: 0.06,
  notCoveredWhenUnanswerable: 0.14,
};

describe('the second set (tests/fixtures/eval): other kinds of article, questions as people ask them', () => {
  const questions = readSet(SECOND_SET.file);
  const answerable = questions.filter((q) => q.unanswerable !== true);
  let second: KnowledgeBase;
  beforeAll(async () => {
    second = await KnowledgeBase.load(SECOND_SET.knowledge!);
  });

  it('holds at least 150 answerable questions and 40 the articles do not answer, none twice', () => {
    expect(answerable.length).toBeGreaterThanOrEqual(150);
    expect(questions.length - answerable.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((q) => fold(q.q))).size).toBe(questions.length);
  });

  it('draws on at least three articles and 40 paragraphs, and asks about every paragraph', () => {
    expect(second.articles.length).toBeGreaterThanOrEqual(3);
    expect(second.passages.length).toBeGreaterThanOrEqual(40);
    const asked = new Set(answerable.map((q) => q.id));
    expect(second.passages.filter((p) => !asked.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  it("names each question's passage by id, and that passage alone holds the words of its answer", () => {
    for (const question of answerable) {
      expect(question.id, question.q).toEqual(expect.any(String));
      expect(question.answer, question.q).toEqual(expect.any(String));
      const holding = second.passages.filter((p) => fold(p.text).includes(fold(question.answer!)));
      expect(
        holding.map((p) => p.id),
        question.q,
      ).toEqual([question.id]);
    }
  });

  it('splits every question into a tuning half and a held-apart half of about the same size', () => {
    for (const question of questions) expect(['tune', 'held'], question.q).toContain(question.split);
    const tune = questions.filter((q) => q.split === 'tune');
    const tuneUnanswerable = tune.filter((q) => q.unanswerable === true).length;
    expect(Math.abs(2 * tune.length - questions.length)).toBeLessThanOrEqual(2);
    expect(Math.abs(2 * tuneUnanswerable - (questions.length - answerable.length))).toBeLessThanOrEqual(2);
  });

  it.each([
    ['who', /^who\b/, 8],
    ['what / which', /^(what|which)\b/, 8],
    ['when', /^when\b/, 8],
    ['why', /^why\b/, 8],
    ['how much / how many', /^how (much|many)\b/, 8],
    ['typos', /typo/, 10],
    ['paraphrases', /paraphrase/, 25],
    ['rare entities', /rare entity/, 10],
    ['details inside a long paragraph', /detail/, 10],
  ])('includes %s', (_kind, pattern, atLeast) => {
    const field = (q: EvalQuestion): string =>
      /typo|paraphrase|rare|detail/.test(pattern.source) ? (q.note ?? '') : q.q;
    expect(answerable.filter((q) => pattern.test(field(q).toLowerCase())).length).toBeGreaterThanOrEqual(atLeast);
  });

  it(`meets the floors on each half: footnote hit@1 ≥ ${SECOND_FLOORS.hitAt1}, hit@3 ≥ ${SECOND_FLOORS.hitAt3}, not behind tuned BM25, ahead of plain fuse.js; its excerpts, labels and "not covered" as calibrated`, () => {
    const bm25 = createBm25Index(second.articles);
    const settings = tuneBm25([{ index: bm25, questions: questions.filter((q) => q.split === 'tune') }]);
    for (const half of ['tune', 'held'] as const) {
      const result = evaluate(
        questions.filter((q) => q.split === half),
        {
          footnote: createFootnoteRanker(second.index),
          'fuse.js': createFuseBaseline(second.passages),
          bm25: bm25.rank(settings),
        },
      );
      const footnote = result.engines.footnote!;
      const figures = `${half}: footnote hit@1 ${footnote.hitAt1.toFixed(3)} hit@3 ${footnote.hitAt3.toFixed(3)}; bm25 hit@1 ${result.engines.bm25!.hitAt1.toFixed(3)}\n${misses(result)}`;
      expect(footnote.hitAt1, figures).toBeGreaterThanOrEqual(SECOND_FLOORS.hitAt1);
      expect(footnote.hitAt3, figures).toBeGreaterThanOrEqual(SECOND_FLOORS.hitAt3);
      expect(footnote.hitAt1 - result.engines.bm25!.hitAt1, figures).toBeGreaterThanOrEqual(SECOND_FLOORS.aheadOfBm25);
      expect(footnote.mrr, figures).toBeGreaterThan(result.engines['fuse.js']!.mrr);
      const answers = result.answers.footnote!;
      const said = JSON.stringify(answers);
      expect(answers.excerptShowsAnswer.share, said).toBeGreaterThanOrEqual(SECOND_FLOORS.excerptShowsAnswer);
      expect(answers.calibration.strong.share, said).toBeGreaterThanOrEqual(SECOND_FLOORS.strongRight);
      expect(answers.notCoveredWhenRight.share, said).toBeLessThanOrEqual(SECOND_FLOORS.notCoveredWhenRight);
      expect(answers.notCoveredWhenUnanswerable.share, said).toBeGreaterThanOrEqual(
        SECOND_FLOORS.notCoveredWhenUnanswerable,
      );
    }
  });
});

describe('the BM25 baseline', () => {
  it('ranks the passage that holds a rare word of the question first, through stems', () => {
    const bm25 = createBm25Index(kb.articles);
    const first = bm25.rank(BM25_DEFAULTS)('polonez rockets').passages[0];
    expect(first?.text).toContain('Polonez multiple launch rocket system');
  });

  it('keeps, of its grid, settings at least as good as its defaults on the questions it is tuned on', () => {
    const bm25 = createBm25Index(kb.articles);
    const questions = readSet(OWN_SET);
    const tuned = tuneBm25([{ index: bm25, questions }]);
    const hitAt1 = (ranker: Ranker): number => evaluate(questions, { x: ranker }).engines.x!.hitAt1;
    expect(hitAt1(bm25.rank(tuned))).toBeGreaterThanOrEqual(hitAt1(bm25.rank(BM25_DEFAULTS)));
  });
});

describe('evaluate', () => {
  it('counts hit@1, hit@3 and MRR@10 from the rank of the first passage holding an expected phrase', () => {
    const passages = kb.passages;
    const ranked =
      (...paragraphs: number[]) =>
      () => ({ passages: paragraphs.map((n) => passages[n - 1]!) });
    const questions: EvalQuestion[] = [
      { q: 'first', expect: ['sole ally in Europe'] },
      { q: 'third', expect: ['around $2.6 billion'] },
      { q: 'absent', expect: ['largest telescope'] },
    ];
    const engines = { a: ranked(1, 3, 5), b: ranked(5, 7, 3) };
    const result = evaluate(questions, { a: (q) => (q === 'third' ? ranked(5, 7, 3)() : engines.a()), b: engines.b });
    expect(result.ranks.map((r) => [r.q, r.ranks.a, r.ranks.b])).toEqual([
      ['first', 1, 0],
      ['third', 3, 3],
      ['absent', 0, 0],
    ]);
    expect(result.engines.a).toMatchObject({ hitAt1: 1 / 3, hitAt3: 2 / 3, mrr: (1 + 1 / 3) / 3 });
    expect(result.engines.b).toMatchObject({ hitAt1: 0, hitAt3: 1 / 3, mrr: 1 / 3 / 3 });
  });

  it('counts the excerpt check, the calibration of labels and "not covered" over right and unanswerable questions', () => {
    const [p1, p2] = kb.passages;
    const questions: EvalQuestion[] = [
      { q: 'right, shown', expect: ['x'], id: p1!.id, answer: 'sole ally' },
      { q: 'right, not shown, not covered', expect: ['x'], id: p1!.id, answer: 'sole ally' },
      { q: 'wrong passage', expect: ['x'], id: p2!.id },
      { q: 'unanswerable, said so', expect: [], unanswerable: true },
      { q: 'unanswerable, answered', expect: [], unanswerable: true },
    ];
    const answers: Record<string, Ranking> = {
      'right, shown': { passages: [p1!], answer: { label: 'strong', notCovered: false, excerpt: 'the Sole  ally' } },
      'right, not shown, not covered': {
        passages: [p1!],
        answer: { label: 'weak', notCovered: true, excerpt: 'Belarus' },
      },
      'wrong passage': { passages: [p1!, p2!], answer: { label: 'strong', notCovered: false, excerpt: '' } },
      'unanswerable, said so': { passages: [p2!], answer: { label: 'weak', notCovered: true, excerpt: '' } },
      'unanswerable, answered': { passages: [p2!], answer: { label: 'partial', notCovered: false, excerpt: '' } },
    };
    const result = evaluate(questions, { footnote: (q) => answers[q]! });
    expect(result.questions).toBe(3);
    expect(result.unanswerable).toBe(2);
    expect(result.ranks.map((r) => r.ranks.footnote)).toEqual([1, 1, 2]);
    const footnote = result.answers.footnote!;
    expect(footnote.excerptShowsAnswer).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(footnote.calibration).toEqual({
      strong: { count: 1, of: 2, share: 0.5 },
      partial: { count: 0, of: 1, share: 0 },
      weak: { count: 1, of: 2, share: 0.5 },
    });
    expect(footnote.notCoveredWhenRight).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(footnote.notCoveredWhenUnanswerable).toEqual({ count: 1, of: 2, share: 0.5 });
  });

  it('scores misspelt questions (their note says typo) apart from clean ones', () => {
    const [p1, p2] = kb.passages;
    const questions: EvalQuestion[] = [
      { q: 'a', expect: ['x'], id: p1!.id, note: 'typo' },
      { q: 'b', expect: ['x'], id: p1!.id, note: 'misspelling' },
      { q: 'c', expect: ['x'], id: p1!.id },
    ];
    const result = evaluate(questions, { e: (q) => ({ passages: q === 'a' ? [p2!] : [p1!] }) });
    expect(result.engines.e!.misspelt).toEqual({ questions: 2, hitAt1: 0.5 });
    expect(result.engines.e!.clean).toEqual({ questions: 1, hitAt1: 1 });
    expect(result.answers).toEqual({});
  });

  it.each([
    [[{ q: 'by answer', answer: 'ally' }], { q: 'by answer', expect: ['ally'], answer: 'ally' }],
    [
      [{ q: 'by id', expect: ['x'], id: 'a#2', split: 'held' }],
      { q: 'by id', expect: ['x'], id: 'a#2', split: 'held' },
    ],
    [[{ q: 'none', unanswerable: true, split: 'tune' }], { q: 'none', expect: [], unanswerable: true, split: 'tune' }],
  ])('parseEvalQuestions reads the extended format %j', (data, question) => {
    expect(parseEvalQuestions(data)).toEqual([question]);
  });

  it.each([
    [{}, /JSON array/],
    [[{ expect: ['x'] }], /entry 1: "q"/],
    [
      [
        { q: 'ok', expect: ['x'] },
        { q: 'no phrases', expect: [] },
      ],
      /entry 2 \("no phrases"\): "expect"/,
    ],
    [[{ q: 'blank phrase', expect: ['  '] }], /entry 1/],
    [
      [{ q: 'bad split', expect: ['x'], split: 'test' }],
      /entry 1 \("bad split"\): "split" must be one of "tune", "held"/,
    ],
    [[{ q: 'bad id', expect: ['x'], id: 'no-number' }], /"id" must be a passage id/],
    [[{ q: 'both', unanswerable: true, answer: 'x' }], /an unanswerable question has no/],
    [[{ q: 'half true', unanswerable: false, expect: ['x'] }], /"unanswerable" can only be true/],
  ])('parseEvalQuestions rejects %j, naming the entry', (data, message) => {
    expect(parseEvalQuestions(data)).toMatch(message);
  });
});

describe('npm run eval', () => {
  const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'tools/eval.ts', ...args], {
        cwd: REPO,
        env: { ...process.env, KNOWLEDGE_DIR: 'knowledge' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  it('prints hit@1, hit@3 and MRR@10 for footnote and fuse.js side by side, for the project set and the shared set', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    const table = String.raw`\s+engine\s+hit@1\s+hit@3\s+MRR@10\s+clean@1\s+typo@1\n\s+footnote(\s+\d\.\d{3}){5}.*\n\s+fuse\.js(\s+\d\.\d{3}){4}.*\n\s+bm25(\s+\d\.\d{3}){5}`;
    expect(stdout).toMatch(new RegExp(String.raw`tests/questions\.json: \d+ questions .*\n${table}`));
    expect(stdout).toMatch(
      new RegExp(
        String.raw`tests/fixtures/eval/questions\.json: \d+ questions \+ \d+ the articles do not answer .*\n${table}`,
      ),
    );
    expect(stdout).toMatch(new RegExp(String.raw`held half: \d+ questions \+ \d+ unanswerable\n${table}`));
    expect(stdout).toMatch(/strong: right at rank 1\s+\d\.\d{3}\s+\d+\/\d+/);
    expect(stdout).toMatch(/"not covered" when unanswerable\s+\d\.\d{3}\s+\d+\/\d+/);
    expect(stdout).toMatch(/^bm25: MiniSearch BM25\+ .* tuned on the tuning halves/m);
    if (HAS_SHARED) expect(stdout).toMatch(/questions\.dev\.json: \d+ questions/);
  });

  it('prints the same figures as JSON with --json', async () => {
    const { code, stdout } = await run(['--json', '--questions', 'tests/questions.json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { sets: (EvalReport & { file: string; knowledge: string })[] };
    expect(json.sets).toHaveLength(1);
    const expected = report(readSet(OWN_SET));
    expect(json.sets[0]).toMatchObject({ file: 'tests/questions.json', knowledge: 'knowledge' });
    expect(json.sets[0]!.engines.footnote).toEqual(expected.engines.footnote);
    expect(json.sets[0]!.engines['fuse.js']).toEqual(expected.engines['fuse.js']);
    expect(json.sets[0]!.answers.footnote).toEqual(expected.answers.footnote);
    expect(json.sets[0]!.engines.bm25).toEqual(expect.objectContaining({ hitAt1: expect.any(Number) }));
  });

  it('names a malformed eval file and exits 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'footnote-eval-'));
    try {
      const file = path.join(dir, 'broken.json');
      await writeFile(file, '[{ "q": "no expect" }]');
      const bad = await run(['--questions', file]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(file);
      expect(bad.stderr).toMatch(/"expect" must be a non-empty list/);
      const missing = await run(['--questions', path.join(dir, 'missing.json')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('missing.json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
