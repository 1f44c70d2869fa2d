import path from 'node:path';
import { loadKnowledge } from '../src/app/knowledge.js';
import { loadConfig, loadDotenv } from '../src/config.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { createLogger } from '../src/log.js';
import { type Bm25Settings, createBm25Index, tuneBm25 } from './eval/bm25-baseline.js';
import {
  type EvalQuestion,
  type EvalReport,
  LABELS,
  type Rate,
  SPLITS,
  createFootnoteRanker,
  createFuseBaseline,
  evaluate,
} from './eval/metrics.js';
import { readFlags, runMain } from '../src/bin/cli-shared.js';
import { readEvalSet } from './eval/read-set.js';
import { DEFAULT_SETS, REPO_ROOT } from './eval/sets.js';
import { runTimelineEval, TIMELINE_USAGE } from './eval/timeline.js';

const USAGE = 'Usage: npm run eval -- [--questions FILE [--knowledge DIR]] [--json]';
const ENGINES = ['footnote', 'fuse.js', 'bm25'] as const;

interface Args {
  /** The timeline set (date extraction, not search): it needs no library. */
  readonly timeline?: string;
  readonly questions?: string;
  readonly knowledge?: string;
  readonly json: boolean;
}

function readArgs(argv: readonly string[]): Args | 'help' {
  const flags = readFlags(
    argv,
    {
      json: { type: 'boolean' },
      questions: { type: 'string' },
      knowledge: { type: 'string' },
      timeline: { type: 'string' },
    },
    `${USAGE}\n${TIMELINE_USAGE}`,
  );
  if (flags === 'help') return 'help';
  const { questions, knowledge, timeline } = flags;
  return {
    json: flags.json === true,
    ...(typeof timeline === 'string' ? { timeline } : {}),
    ...(typeof questions === 'string' ? { questions } : {}),
    ...(typeof knowledge === 'string' ? { knowledge } : {}),
  };
}

interface SetReport extends EvalReport {
  readonly file: string;
  readonly knowledge: string;
  /** The same figures for each half, when the set is split. */
  readonly halves?: Readonly<Record<string, EvalReport>>;
}

const score = (value: number): string => value.toFixed(3).padStart(8);
const share = (r: Rate): string => (r.of === 0 ? 'n/a'.padStart(8) : score(r.share));
const counts = (r: Rate): string => `${r.count}/${r.of}`.padStart(9);
const relative = (file: string): string => path.relative(process.cwd(), file) || file;

function formatScores(report: EvalReport, indent: string): string[] {
  const lines = [
    `${indent}${'engine'.padEnd(10)}${'hit@1'.padStart(8)}${'hit@3'.padStart(8)}${'MRR@10'.padStart(8)}${'clean@1'.padStart(10)}${'typo@1'.padStart(9)}`,
  ];
  for (const name of ENGINES) {
    const s = report.engines[name];
    if (!s) continue;
    const typo = s.misspelt.questions > 0 ? score(s.misspelt.hitAt1) : 'n/a'.padStart(8);
    lines.push(
      `${indent}${name.padEnd(10)}${score(s.hitAt1)}${score(s.hitAt3)}${score(s.mrr)}  ${score(s.clean.hitAt1)} ${typo}  (clean ${s.clean.questions}, typo ${s.misspelt.questions})`,
    );
  }
  return lines;
}

/** Footnote's answers, one column per half: does the excerpt show the answer, are its labels and "not covered" true. */
function formatAnswers(columns: readonly (readonly [string, EvalReport])[]): string[] {
  const of = (report: EvalReport) => report.answers.footnote;
  const rows: [string, (report: EvalReport) => Rate | undefined][] = [
    ['excerpt shows the answer (right first)', (r) => of(r)?.excerptShowsAnswer],
    ...LABELS.map(
      (label) => [`${label}: right at rank 1`, (r: EvalReport) => of(r)?.calibration[label]] as [string, typeof of],
    ),
    ['"not covered" when right first', (r) => of(r)?.notCoveredWhenRight],
    ['"not covered" when unanswerable', (r) => of(r)?.notCoveredWhenUnanswerable],
  ] as [string, (report: EvalReport) => Rate | undefined][];
  const lines = [`  footnote's answers${' '.repeat(22)}${columns.map(([name]) => name.padStart(17)).join('')}`];
  for (const [title, pick] of rows) {
    const cells = columns.map(([, report]) => {
      const r = pick(report);
      return r ? `${share(r)}${counts(r)}` : ' '.repeat(17);
    });
    lines.push(`    ${title.padEnd(38)}${cells.join('')}`);
  }
  return lines;
}

/** The side-by-side tables of one set (and of each half), its answers' figures, and the questions missed first. */
function formatReport(report: SetReport): string {
  const lines = [
    `${relative(report.file)}: ${report.questions} questions${report.unanswerable > 0 ? ` + ${report.unanswerable} the articles do not answer` : ''} (articles: ${relative(report.knowledge)})`,
    ...formatScores(report, '  '),
  ];
  const halves = Object.entries(report.halves ?? {});
  for (const [name, half] of halves) {
    lines.push(`  ${name} half: ${half.questions} questions + ${half.unanswerable} unanswerable`);
    lines.push(...formatScores(half, '    '));
  }
  lines.push(...formatAnswers([['all', report], ...halves]));
  const misses = report.ranks.filter((row) => row.ranks.footnote !== 1);
  if (misses.length === 0) lines.push('  footnote answers every question at rank 1.');
  else {
    lines.push(`  footnote misses at rank 1 (${misses.length}):`);
    for (const row of misses) {
      const rank = row.ranks.footnote ?? 0;
      const where = rank === 0 ? 'not in top 10' : `rank ${rank}`;
      lines.push(`    ${where.padEnd(14)}${JSON.stringify(row.q)}${row.note !== undefined ? `  (${row.note})` : ''}`);
    }
  }
  return lines.join('\n');
}

const formatBm25 = (s: Bm25Settings, tunedOn: string): string =>
  `bm25: MiniSearch BM25+ over Footnote's stems and stopwords, k ${s.k}, b ${s.b}, d ${s.d}, fuzzy ${s.fuzzy}, prefix ${s.prefix}, tuned on ${tunedOn}`;

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n${TIMELINE_USAGE}\n`);
    return 0;
  }
  if (args.timeline !== undefined) return runTimelineEval(args.timeline, args.json);
  loadDotenv();
  const config = loadConfig();
  const library = args.knowledge !== undefined ? path.resolve(args.knowledge) : config.knowledgeDir;
  const chosen =
    args.questions !== undefined
      ? [{ file: path.resolve(args.questions), knowledge: library }]
      : DEFAULT_SETS.map((set) => ({
          file: set.file,
          knowledge: set.knowledge ?? library,
        }));

  const logger = createLogger({ level: 'warn', pretty: true });
  const bases = new Map<string, Promise<KnowledgeBase>>();
  const loadBase = (dir: string): Promise<KnowledgeBase> => {
    let base = bases.get(dir);
    if (!base) {
      // The one loading path of every entry point: problems logged, no usable article a clear error.
      base = loadKnowledge(dir, logger);
      bases.set(dir, base);
    }
    return base;
  };
  const sets = await Promise.all(
    chosen.map(async ({ file, knowledge }) => {
      const kb = await loadBase(knowledge);
      return { file, knowledge, kb, bm25: createBm25Index(kb.articles), questions: await readEvalSet(file) };
    }),
  );

  const tuning = sets
    .map(({ bm25, questions }) => ({ index: bm25, questions: questions.filter((q) => q.split === 'tune') }))
    .filter((set) => set.questions.length > 0);
  // With no tuning half (one unsplit set), the baseline is tuned on the questions it is scored on: its best case.
  const tunedOn = tuning.length > 0 ? 'the tuning halves' : 'the questions themselves (no tuning half)';
  const bm25Settings = tuneBm25(
    tuning.length > 0 ? tuning : sets.map((s) => ({ index: s.bm25, questions: s.questions })),
  );

  const reports: SetReport[] = sets.map(({ file, knowledge, kb, bm25, questions }) => {
    const engines = {
      footnote: createFootnoteRanker(kb.index),
      'fuse.js': createFuseBaseline(kb.passages),
      bm25: bm25.rank(bm25Settings),
    };
    const inHalf = (split: string) => (q: EvalQuestion) => q.split === split;
    const halves = SPLITS.filter((split) => questions.some(inHalf(split))).map(
      (split) => [split, evaluate(questions.filter(inHalf(split)), engines)] as const,
    );
    return {
      file,
      knowledge,
      ...evaluate(questions, engines),
      ...(halves.length > 0 ? { halves: Object.fromEntries(halves) } : {}),
    };
  });

  if (args.json) {
    const out = {
      bm25: { ...bm25Settings, tunedOn },
      sets: reports.map((report) => ({
        ...report,
        file: path.relative(REPO_ROOT, report.file) || report.file,
        knowledge: path.relative(REPO_ROOT, report.knowledge) || report.knowledge,
      })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatBm25(bm25Settings, tunedOn)}\n\n${reports.map(formatReport).join('\n\n')}\n`);
  }
  return 0;
}

runMain(main, { failure: 'eval failed' });
