import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logProblem, readLibrary, requireArticles } from '../src/app/knowledge.js';
import { readFlags, runMain, UsageError } from '../src/bin/cli-shared.js';
import { LibraryHolder } from '../src/app/library-holder.js';
import type { Library } from '../src/core/knowledge/load.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { createLogger } from '../src/log.js';
import { DEFAULT_RANDOM_SEED, generateCorpus } from './bench/corpus.js';
import { median, percentile } from './bench/timing.js';
import { writeCorpus } from './bench/write-corpus.js';

/**
 * What a live library costs while it serves (issue 13): answers during a reload of the whole shared library (its
 * Markdown files read again and indexed on a worker thread, as the bot does after a change), against answers with
 * no reload and answers during the same build on the main thread, in one run; and how long a server's shelf takes
 * to become searchable beside it.
 */

const USAGE = 'Usage: npm run bench:library -- [--size 100000] [--json]';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUESTIONS = [
  'how much has China invested in Belarus',
  'Great Stone industrial park',
  'Lukashenko visit to Beijing',
  'sanctions on Belarusian potash',
  'what did Li Qiang say in Minsk',
  'military exercises near the Polish border',
];
/**
 * An answer asked every ASK_EVERY_MS, as a busy server would, while the library is rebuilt: often, yet slow enough
 * that answering keeps up on the loaded 2-core machine (an answer at 100,000 passages takes several milliseconds).
 */
const ASK_EVERY_MS = 20;
const SHELF_PASSAGES = 300;

interface Latencies {
  readonly answers: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Asks on the library `kb()` serves at that moment (the new one once a reload swaps it in) every ASK_EVERY_MS until `until` settles (or for `ms`), timing each answer from when it was due. The
 * questions keep coming while the event loop is held, as people keep asking: every answer due during a pause waits
 * for its end and counts, not just the first.
 */
async function askWhile(kb: () => KnowledgeBase, until: Promise<unknown> | number): Promise<Latencies> {
  const times: number[] = [];
  let done = false;
  const stop = typeof until === 'number' ? new Promise((r) => setTimeout(r, until)) : until;
  void stop.then(() => (done = true));
  let due = performance.now();
  let i = 0;
  while (!done) {
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    kb().index.search(QUESTIONS[i++ % QUESTIONS.length]!);
    times.push(performance.now() - due);
    due += ASK_EVERY_MS;
  }
  await stop;
  const round = (n: number): number => Number(n.toFixed(2));
  return {
    answers: times.length,
    p50: round(median(times)),
    p99: round(percentile(times, 99)),
    max: round(Math.max(...times)),
  };
}

async function main(): Promise<number> {
  const flags = readFlags(process.argv.slice(2), { size: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (flags === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const size = Number(flags.size ?? 100_000);
  if (!Number.isInteger(size) || size < 1_000 || size > 1_000_000)
    throw new UsageError(`--size takes a number of passages from 1000 to 1000000\n${USAGE}`);
  const say = (message: string): void => void process.stderr.write(`[bench:library] ${message}\n`);
  const seed = requireArticles(
    await readLibrary(path.join(REPO_ROOT, 'knowledge'), logProblem(createLogger({ level: 'warn' }))),
  );
  say(`generating ${size} passages`);
  const corpus = generateCorpus({
    passages: size,
    shape: 'mixed',
    seed: seed.articles,
    randomSeed: DEFAULT_RANDOM_SEED,
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-bench-library-'));
  try {
    return await measure(dir, size, corpus.articles, flags.json === true, say);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(
  dir: string,
  size: number,
  articles: Library['articles'],
  json: boolean,
  say: (message: string) => void,
): Promise<number> {
  say(`writing ${articles.length} Markdown files`);
  await writeCorpus(dir, articles);
  say('reading and indexing the shared library');
  const holder = new LibraryHolder(dir, await KnowledgeBase.load(dir));
  const shared = holder.current;
  await shared.facts();
  const files = (await readdir(dir)).sort();
  let edits = 0;
  const edit = (): Promise<void> =>
    appendFile(
      path.join(dir, files[edits++ % files.length]!),
      `\nA paragraph added by the benchmark, number ${edits}.\n`,
    );

  // A bot that has served for a while has its word list read and its search code compiled; so has this one.
  for (const question of QUESTIONS) shared.index.search(question);
  say('answers with no reload');
  const idle = await askWhile(() => shared, 10_000);
  say('answers during a reload: one file changed, the folder read again and indexed on a worker thread');
  await edit();
  let started = performance.now();
  const during = await askWhile(() => holder.current, holder.reload());
  const reloadMs = Math.round(performance.now() - started);
  await holder.current.facts();
  say('answers during the same build on the main thread (how a reload ran before)');
  await edit();
  const onMain = new LibraryHolder(dir, holder.current, { offThread: 'never' });
  started = performance.now();
  const duringOnMain = await askWhile(() => onMain.current, onMain.reload());
  const onMainMs = Math.round(performance.now() - started);

  // A shelf of one generated article of SHELF_PASSAGES passages, under slugs the shared library does not use.
  const source = generateCorpus({
    passages: SHELF_PASSAGES + 1_000,
    shape: 'mixed',
    seed: articles.filter((a) => !a.slug.startsWith('bench-')),
    randomSeed: 7,
  });
  const shelfArticles = source.articles
    .filter((a) => a.slug.startsWith('bench-'))
    .slice(0, 2)
    .map((a) => ({
      ...a,
      slug: `shelf-${a.slug}`,
      passages: a.passages.map((p) => ({ ...p, articleSlug: `shelf-${a.slug}`, id: `shelf-${p.id}` })),
    }));
  const shelf: Library = { dir: 'shelf', articles: shelfArticles, aliases: [], problems: [], version: 'shelf' };
  const shelfTimes: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    KnowledgeBase.withShelf(shared, shelf).index.search(QUESTIONS[0]!);
    shelfTimes.push(performance.now() - t);
  }
  const result = {
    passages: size,
    shelfPassages: shelfArticles.reduce((n, a) => n + a.passages.length, 0),
    idle,
    duringReload: during,
    reloadMs,
    p99Ratio: Number((during.p99 / idle.p99).toFixed(1)),
    duringBuildOnMainThread: duringOnMain,
    buildOnMainThreadMs: onMainMs,
    p99RatioOnMainThread: Number((duringOnMain.p99 / idle.p99).toFixed(1)),
    shelfSearchableMs: {
      median: Number(median(shelfTimes).toFixed(1)),
      max: Number(Math.max(...shelfTimes).toFixed(1)),
    },
  };
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    process.stdout.write(
      [
        `Shared library: ${size.toLocaleString('en-US')} passages; one answer due every ${ASK_EVERY_MS} ms, timed from when it was due.`,
        `| | answers | p50 ms | p99 ms | max ms |`,
        `|---|---|---|---|---|`,
        `| no reload | ${idle.answers} | ${idle.p50} | ${idle.p99} | ${idle.max} |`,
        `| during a reload (${reloadMs} ms, built on a worker) | ${during.answers} | ${during.p50} | ${during.p99} | ${during.max} |`,
        `| during a reload built on the main thread (${onMainMs} ms) | ${duringOnMain.answers} | ${duringOnMain.p50} | ${duringOnMain.p99} | ${duringOnMain.max} |`,
        `p99 during a reload / p99 without: ${result.p99Ratio}× (built on the main thread: ${result.p99RatioOnMainThread}×)`,
        `A shelf of ${result.shelfPassages} passages searchable beside it in ${result.shelfSearchableMs.median} ms (median of 5; max ${result.shelfSearchableMs.max} ms).`,
      ].join('\n') + '\n',
    );
  return 0;
}

runMain(main, { failure: 'bench:library failed' });
