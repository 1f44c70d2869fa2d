import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EvalQuestion,
  type EvalReport,
  createFootnoteRanker,
  createFuseBaseline,
  evaluate,
  parseEvalQuestions,
} from '../tools/eval/metrics.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { normalizeText } from '../src/core/normalize.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OWN_SET = path.join(REPO, 'tests/questions.json');
const SHARED_SET = path.resolve(REPO, '../shared/eval/questions.dev.json');
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

function report(questions: readonly EvalQuestion[]): EvalReport {
  return evaluate(questions, {
    footnote: createFootnoteRanker(kb.index),
    'fuse.js': createFuseBaseline(kb.passages),
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

describe('evaluate', () => {
  it('counts hit@1, hit@3 and MRR@10 from the rank of the first passage holding an expected phrase', () => {
    const passages = kb.passages;
    const ranked =
      (...paragraphs: number[]) =>
      () =>
        paragraphs.map((n) => passages[n - 1]!);
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
    expect(result.engines.a).toEqual({ hitAt1: 1 / 3, hitAt3: 2 / 3, mrr: (1 + 1 / 3) / 3 });
    expect(result.engines.b).toEqual({ hitAt1: 0, hitAt3: 1 / 3, mrr: 1 / 3 / 3 });
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
    expect(stdout).toMatch(
      /tests\/questions\.json: \d+ questions\n\s+engine\s+hit@1\s+hit@3\s+MRR@10\n\s+footnote(\s+\d\.\d{3}){3}\n\s+fuse\.js(\s+\d\.\d{3}){3}/,
    );
    if (HAS_SHARED) expect(stdout).toMatch(/questions\.dev\.json: \d+ questions/);
  });

  it('prints the same figures as JSON with --json', async () => {
    const { code, stdout } = await run(['--json', '--questions', 'tests/questions.json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { sets: (EvalReport & { file: string })[] };
    expect(json.sets).toHaveLength(1);
    expect(json.sets[0]).toEqual({ file: 'tests/questions.json', ...report(readSet(OWN_SET)) });
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
