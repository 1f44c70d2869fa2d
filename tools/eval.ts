import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/app/knowledge.js';
import { loadConfig, loadDotenv } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { type EvalReport, createFootnoteRanker, createFuseBaseline, evaluate } from './eval/metrics.js';
import { readFlags, runMain } from '../src/bin/cli-shared.js';
import { readEvalSet } from './eval/read-set.js';
import { runTimelineEval, TIMELINE_USAGE } from './eval/timeline.js';

const USAGE = 'Usage: npm run eval -- [--questions FILE] [--json] [--knowledge DIR]';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The project's own set, and the shared reference set that sits beside the repository when it is checked out. */
const OWN_SET = path.join(REPO_ROOT, 'tests/questions.json');
const SHARED_SET = path.resolve(REPO_ROOT, '../shared/eval/questions.dev.json');
const ENGINES = ['footnote', 'fuse.js'] as const;

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

function formatScore(value: number): string {
  return value.toFixed(3);
}

/** The side-by-side table of one set, and the questions footnote does not answer first. */
function formatReport(file: string, report: EvalReport): string {
  const label = path.relative(process.cwd(), file) || file;
  const lines = [
    `${label}: ${report.questions} questions`,
    `  ${'engine'.padEnd(10)}${'hit@1'.padStart(8)}${'hit@3'.padStart(8)}${'MRR@10'.padStart(8)}`,
  ];
  for (const name of ENGINES) {
    const scores = report.engines[name];
    if (!scores) continue;
    lines.push(
      `  ${name.padEnd(10)}${formatScore(scores.hitAt1).padStart(8)}${formatScore(scores.hitAt3).padStart(8)}${formatScore(scores.mrr).padStart(8)}`,
    );
  }
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

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n${TIMELINE_USAGE}\n`);
    return 0;
  }
  if (args.timeline !== undefined) return runTimelineEval(args.timeline, args.json);
  loadDotenv();
  const config = loadConfig();
  const dir = args.knowledge !== undefined ? path.resolve(args.knowledge) : config.knowledgeDir;

  const files =
    args.questions !== undefined
      ? [path.resolve(args.questions)]
      : [OWN_SET, ...(existsSync(SHARED_SET) ? [SHARED_SET] : [])];
  const sets = await Promise.all(files.map(async (file) => ({ file, questions: await readEvalSet(file) })));

  const kb = await loadKnowledge(dir, createLogger({ level: 'warn', pretty: true }));

  const engines = { footnote: createFootnoteRanker(kb.index), 'fuse.js': createFuseBaseline(kb.passages) };
  const reports = sets.map(({ file, questions }) => ({ file, report: evaluate(questions, engines) }));

  if (args.json) {
    const out = {
      knowledge: dir,
      sets: reports.map(({ file, report }) => ({ file: path.relative(REPO_ROOT, file) || file, ...report })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${reports.map(({ file, report }) => formatReport(file, report)).join('\n\n')}\n`);
  }
  return 0;
}

runMain(main, { failure: 'eval failed' });
