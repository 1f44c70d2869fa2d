import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SHAPES, type CorpusShape } from './bench/corpus.js';
import { formatReport, toJson } from './bench/report.js';
import { BENCH_DEFAULTS, runBenchmark } from './bench/run.js';
import { logProblem, readLibrary, requireArticles } from '../src/app/knowledge.js';
import { readFlags, runMain, UsageError } from '../src/bin/cli-shared.js';
import { createLogger } from '../src/log.js';
import { readEvalSet } from './eval/read-set.js';

const USAGE =
  'Usage: npm run bench -- [--json] [--sizes 1000,10000,100000] [--shapes mixed,dense] [--questions FILE] [--knowledge DIR]';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared reference questions when they sit beside the repository, else the project's own set. */
const SHARED_SET = path.resolve(REPO_ROOT, '../shared/eval/questions.dev.json');
const OWN_SET = path.join(REPO_ROOT, 'tests/questions.json');
const KNOWLEDGE_DIR = path.join(REPO_ROOT, 'knowledge');
/** Below this the timings mean little, above it one corpus would not fit the run's time budget. */
const MIN_SIZE = 100;
const MAX_SIZE = 1_000_000;

interface Args {
  readonly json: boolean;
  readonly sizes: readonly number[];
  readonly shapes: readonly CorpusShape[];
  readonly questions: string;
  readonly knowledge: string;
}

function parseSizes(value: string): number[] {
  return value.split(',').map((part) => {
    const size = Number(part.trim().replace(/_/g, ''));
    if (!Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE) {
      throw new UsageError(
        `--sizes: "${part}" is not a whole number of passages between ${MIN_SIZE} and ${MAX_SIZE.toLocaleString('en-US')}.`,
      );
    }
    return size;
  });
}

function parseShapes(value: string): CorpusShape[] {
  return value.split(',').map((part) => {
    const shape = part.trim();
    if (!(CORPUS_SHAPES as readonly string[]).includes(shape))
      throw new UsageError(`--shapes: "${shape}" is not one of ${CORPUS_SHAPES.join(', ')}.`);
    return shape as CorpusShape;
  });
}

function readArgs(argv: readonly string[]): Args | 'help' {
  const flags = readFlags(
    argv,
    {
      json: { type: 'boolean' },
      sizes: { type: 'string' },
      shapes: { type: 'string' },
      questions: { type: 'string' },
      knowledge: { type: 'string' },
    },
    USAGE,
  );
  if (flags === 'help') return 'help';
  const text = (name: string): string | undefined =>
    typeof flags[name] === 'string' ? (flags[name] as string) : undefined;
  return {
    json: flags.json === true,
    sizes: text('sizes') !== undefined ? parseSizes(text('sizes')!) : BENCH_DEFAULTS.sizes,
    shapes: text('shapes') !== undefined ? parseShapes(text('shapes')!) : BENCH_DEFAULTS.shapes,
    questions: path.resolve(text('questions') ?? (existsSync(SHARED_SET) ? SHARED_SET : OWN_SET)),
    knowledge: path.resolve(text('knowledge') ?? KNOWLEDGE_DIR),
  };
}

/** Generates the synthetic libraries, measures every engine on them, and prints the table (or JSON). */
async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const questions = await readEvalSet(args.questions);
  // The benchmark plants the library's articles in every corpus it generates.
  const library = requireArticles(
    await readLibrary(args.knowledge, logProblem(createLogger({ level: 'warn', pretty: true }))),
  );

  const started = performance.now();
  const progress = (message: string): void => {
    process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
  };
  progress(
    `${questions.length} questions from ${path.relative(process.cwd(), args.questions) || args.questions}; seed: ${library.articles.map((a) => a.slug).join(', ')}`,
  );
  const result = await runBenchmark({
    seed: library.articles,
    aliases: library.aliases,
    questions,
    sizes: args.sizes,
    shapes: args.shapes,
    onProgress: progress,
  });
  progress('done');
  process.stdout.write(args.json ? `${JSON.stringify(toJson(result), null, 2)}\n` : `${formatReport(result)}\n`);
  return 0;
}

runMain(main, { failure: 'bench failed' });
