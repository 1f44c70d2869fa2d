import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeProblem } from '../app/knowledge.js';
import { ConfigError, loadConfig, loadDotenv } from '../config.js';
import { type EvalQuestion, type EvalReport, createFootnoteRanker, createFuseBaseline, evaluate, parseEvalQuestions } from '../core/eval/metrics.js';
import { KnowledgeBase } from '../core/knowledge-base.js';

const USAGE = 'Usage: npm run eval -- [--questions FILE] [--json] [--knowledge DIR]';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The project's own set, and the shared reference set that sits beside the repository when it is checked out. */
const OWN_SET = path.join(REPO_ROOT, 'tests/questions.json');
const SHARED_SET = path.resolve(REPO_ROOT, '../shared/eval/questions.dev.json');
const ENGINES = ['footnote', 'fuse.js'] as const;

/** A problem the person running the script must fix: printed as is, exit 2. */
class UsageError extends Error {}

interface Args {
  readonly questions?: string;
  readonly knowledge?: string;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  let questions: string | undefined;
  let knowledge: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value.\n${USAGE}`);
      i += 1;
      return next;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--json') json = true;
    else if (arg === '--questions') questions = value();
    else if (arg === '--knowledge') knowledge = value();
    else throw new UsageError(`Unknown argument "${arg}".\n${USAGE}`);
  }
  return { json, ...(questions !== undefined ? { questions } : {}), ...(knowledge !== undefined ? { knowledge } : {}) };
}

/** Reads and validates one eval file; every failure names the file. */
async function readEvalSet(file: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the eval set ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The eval set ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const questions = parseEvalQuestions(data);
  if (typeof questions === 'string') throw new UsageError(`The eval set ${file} is malformed: ${questions}`);
  if (questions.length === 0) throw new UsageError(`The eval set ${file} holds no questions.`);
  return questions;
}

function formatScore(value: number): string {
  return value.toFixed(3);
}

/** The side-by-side table of one set, and the questions footnote does not answer first. */
function formatReport(file: string, report: EvalReport): string {
  const label = path.relative(process.cwd(), file) || file;
  const lines = [`${label}: ${report.questions} questions`, `  ${'engine'.padEnd(10)}${'hit@1'.padStart(8)}${'hit@3'.padStart(8)}${'MRR@10'.padStart(8)}`];
  for (const name of ENGINES) {
    const scores = report.engines[name];
    if (!scores) continue;
    lines.push(`  ${name.padEnd(10)}${formatScore(scores.hitAt1).padStart(8)}${formatScore(scores.hitAt3).padStart(8)}${formatScore(scores.mrr).padStart(8)}`);
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

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv();
  const config = loadConfig(process.env);
  const dir = args.knowledge !== undefined ? path.resolve(args.knowledge) : config.knowledgeDir;

  const files = args.questions !== undefined ? [path.resolve(args.questions)] : [OWN_SET, ...(existsSync(SHARED_SET) ? [SHARED_SET] : [])];
  const sets = await Promise.all(files.map(async (file) => ({ file, questions: await readEvalSet(file) })));

  const kb = await KnowledgeBase.load(dir);
  for (const problem of kb.library.problems) if (problem.severity === 'error') process.stderr.write(`warning: ${describeProblem(problem)}\n`);
  if (kb.articles.length === 0) throw new UsageError(`No article could be loaded from ${dir}.`);

  const engines = { footnote: createFootnoteRanker(kb.index), 'fuse.js': createFuseBaseline(kb.index.passages) };
  const reports = sets.map(({ file, questions }) => ({ file, report: evaluate(questions, engines) }));

  if (args.json) {
    const out = { knowledge: dir, sets: reports.map(({ file, report }) => ({ file: path.relative(REPO_ROOT, file) || file, ...report })) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${reports.map(({ file, report }) => formatReport(file, report)).join('\n\n')}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
