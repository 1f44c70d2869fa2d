import { availableParallelism } from 'node:os';
import type { EvalQuestion } from '../eval/metrics.js';
import type { AliasGroup } from '../../src/core/knowledge/aliases.js';
import { normalizeText } from '../../src/core/normalize.js';
import { isEnglishWord } from '../../src/core/search/dictionary.js';
import type { Article } from '../../src/core/types.js';
import { type Corpus, type CorpusShape, DEFAULT_RANDOM_SEED, generateCorpus } from './corpus.js';
import { PARALLEL_BUILD } from '../../src/core/search/parallel-build.js';
import { type BuiltEngine, ENGINES, type Engine, type EngineName } from './engines.js';
import { forceGc, liveMemoryMB } from './heap.js';
import { type BenchQuery, buildQueries, keystrokePrefixes, spreadSample } from './queries.js';
import { type Latency, measureLatency, median } from './timing.js';

/** How much work one engine does on one corpus. */
export interface EnginePlan {
  /** `/ask` queries timed (all of them if more than there are); hit@3 is measured on the same ones. */
  readonly askQueries: number;
  /** Autocomplete lookups timed, spread over every keystroke of every query. */
  readonly autocompleteLookups: number;
  /** Timed rounds over the lists (p50 and p99 are medians over rounds). */
  readonly rounds: number;
  /** Builds timed (the median is reported). */
  readonly builds: number;
}

/**
 * Work per engine and corpus size. Footnote gets every /ask query and 300 autocomplete lookups (an even sample of
 * the keystroke prefixes), three times over, and three builds at every size
 * (and two more on one thread where it builds on two). fuse.js reads
 * every passage for every query (half a second each at 10,000 passages here) and MiniSearch's fuzzy prefix search
 * takes seconds for some queries at 100,000: they are timed on even samples of the same lists, once, so that the
 * whole run stays within ten minutes on two cores.
 */
export function planFor(engine: EngineName, passages: number): EnginePlan {
  if (engine === 'footnote') return { askQueries: Infinity, autocompleteLookups: 300, rounds: 3, builds: 3 };
  if (engine === 'fuse.js') return { askQueries: 50, autocompleteLookups: 16, rounds: 1, builds: 3 };
  if (passages >= 100_000) return { askQueries: 40, autocompleteLookups: 8, rounds: 1, builds: 1 };
  if (passages >= 10_000) return { askQueries: 110, autocompleteLookups: 60, rounds: 1, builds: 2 };
  return { askQueries: Infinity, autocompleteLookups: 300, rounds: 3, builds: 3 };
}

/** What a run covers. The defaults are issue 6's: three sizes, two shapes, 220 queries. */
export const BENCH_DEFAULTS = Object.freeze({
  sizes: [1_000, 10_000, 100_000] as readonly number[],
  shapes: ['mixed', 'dense'] as readonly CorpusShape[],
  /** Misspelt variants per eval question: 20 questions give 220 queries. */
  variants: 10,
  /** fuse.js is left out above this size: one query would take several seconds. */
  fuseMaxPassages: 10_000,
});

export interface EngineResult {
  readonly name: EngineName;
  /** Median build time, ms. */
  readonly buildMs: number;
  /** Memory the built engine keeps alive after a full collection, MB (JS heap and ArrayBuffers). */
  readonly heapMB: number;
  /** Latency of one request in ms: medians over rounds of the p50 and p99 over queries. */
  readonly ask: Latency;
  readonly autocomplete: Latency;
  /** Share of its `/ask` queries with a right planted passage among the first three results. */
  readonly hit3: number;
  readonly queries: { readonly ask: number; readonly autocomplete: number };
  /** Footnote at sizes it builds on two threads: the median build on one thread, in the same run. */
  readonly buildOneThreadMs?: number;
}

/** Footnote and MiniSearch on exactly the same queries (MiniSearch's sample), for a fair comparison of quality. */
export interface QualityComparison {
  readonly queries: number;
  readonly footnote: number;
  readonly minisearch: number;
}

export interface SizeResult {
  readonly passages: number;
  readonly shape: CorpusShape;
  /** Memory of the corpus itself (articles, passages, sentences), MB: the same for every engine, not in `heapMB`. */
  readonly corpusMB: number;
  readonly engines: readonly EngineResult[];
  readonly versusMinisearch?: QualityComparison;
  readonly notes: readonly string[];
}

export interface BenchResult {
  readonly cores: number;
  readonly node: string;
  readonly queries: number;
  readonly sizes: readonly SizeResult[];
}

export interface BenchOptions {
  /** The real articles: planted in every corpus, and the material of its text. */
  readonly seed: readonly Article[];
  readonly aliases: readonly AliasGroup[];
  readonly questions: readonly EvalQuestion[];
  readonly sizes?: readonly number[];
  readonly shapes?: readonly CorpusShape[];
  readonly engines?: readonly Engine[];
  readonly variants?: number;
  readonly fuseMaxPassages?: number;
  /** Overrides the plan of every engine (the tests use a small one). */
  readonly plan?: (engine: EngineName, passages: number) => EnginePlan;
  readonly randomSeed?: number;
  /** Progress of long steps, one line each (the CLI prints them to stderr). */
  readonly onProgress?: (message: string) => void;
}

/** Curly quotes and runs of white space folded, as the eval compares expected phrases. */
function foldForMatch(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** For each query, the planted passages that answer it: those whose text holds one of its expected phrases. */
function answersOf(seed: readonly Article[], queries: readonly BenchQuery[]): ReadonlySet<string>[] {
  const planted = seed.flatMap((a) => a.passages).map((p) => ({ id: p.id, text: foldForMatch(p.text) }));
  return queries.map((q) => {
    const phrases = q.expect.map(foldForMatch);
    return new Set(planted.filter((p) => phrases.some((phrase) => p.text.includes(phrase))).map((p) => p.id));
  });
}

/** Whether a right passage is among the first three results. */
export function isHitAt3(ids: readonly string[], answers: ReadonlySet<string>): boolean {
  return ids.slice(0, 3).some((id) => answers.has(id));
}

/** Share of true values; 0 for none. */
function shareOf(values: readonly boolean[]): number {
  return values.length > 0 ? values.filter(Boolean).length / values.length : 0;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A query with its place in the full list. */
type IndexedQuery = BenchQuery & { readonly index: number };

interface Measured {
  readonly result: EngineResult;
  /** Hit or not, by query index, for the queries this engine ran. */
  readonly hits: ReadonlyMap<number, boolean>;
}

/**
 * Builds `count` times, each into `holder` (replacing the one before) after a full collection, so the garbage of
 * one build is not collected inside the next; returns the times in ms.
 */
async function timeBuilds(
  count: number,
  label: string,
  build: () => BuiltEngine | Promise<BuiltEngine>,
  holder: { engine: BuiltEngine | undefined },
  say: (message: string) => void,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    holder.engine = undefined;
    forceGc(1);
    const started = performance.now();
    holder.engine = await build();
    const ms = performance.now() - started;
    times.push(ms);
    say(`${label} ${i + 1}/${count} in ${(ms / 1000).toFixed(2)} s`);
  }
  return times;
}

/** Builds one engine (median of several builds), then measures memory, latency and quality on the last build. */
async function measureEngine(
  engine: Engine,
  corpus: Corpus,
  options: BenchOptions,
  work: {
    readonly plan: EnginePlan;
    readonly askQueries: readonly IndexedQuery[];
    readonly prefixes: readonly string[];
  },
  answers: readonly ReadonlySet<string>[],
  say: (message: string) => void,
): Promise<Measured> {
  const { plan, askQueries, prefixes } = work;
  // Memory is measured from before the first build to after the last: between builds the previous one can
  // still be referenced from this frame, so a difference taken around a later build would miss it.
  const before = liveMemoryMB();
  // The engine is only ever reached through this holder, emptied at the end. Compiled code may keep the closures
  // handed to the timing loop alive for a while; through the holder they keep nothing, so the next engine's memory
  // is not measured with this one still in the heap.
  const current: { engine: BuiltEngine | undefined } = { engine: undefined };
  const buildTimes = await timeBuilds(
    plan.builds,
    `${engine.name}: build`,
    () => engine.build(corpus, options.aliases),
    current,
    say,
  );
  const heapMB = liveMemoryMB() - before;
  const ask = (query: string): readonly string[] => current.engine!.ask(query);
  const autocomplete = (prefix: string): readonly string[] => current.engine!.autocomplete(prefix);

  // Two untimed requests of each kind first, so the timed ones run compiled code (and the timed rounds, whose
  // medians are reported, absorb the rest of the warming up).
  for (const q of spreadSample(askQueries, 2)) ask(q.text);
  for (const prefix of spreadSample(prefixes, 2)) autocomplete(prefix);

  say(`${engine.name}: ${askQueries.length} /ask queries × ${plan.rounds}`);
  const hits = new Map<number, boolean>();
  const askLatency = measureLatency(
    askQueries,
    (q) => ask(q.text),
    plan.rounds,
    (q, ids) => hits.set(q.index, isHitAt3(ids, answers[q.index]!)),
  );
  say(`${engine.name}: ${prefixes.length} autocomplete lookups × ${plan.rounds}`);
  const autocompleteLatency = measureLatency(prefixes, autocomplete, plan.rounds);
  current.engine = undefined;
  // Questions whose expected phrases are in no planted passage cannot be hit; they are left out of hit@3.
  const answerable = [...hits].filter(([index]) => answers[index]!.size > 0).map(([, hit]) => hit);
  const hit3 = shareOf(answerable);
  // Where the engine builds on two threads, builds on one as well: the gain, measured beside it.
  const buildOnOneThread = engine.buildOnOneThread;
  const oneThreadTimes =
    buildOnOneThread !== undefined && corpus.passages.length >= PARALLEL_BUILD.minPassages
      ? await timeBuilds(
          Math.min(plan.builds, 2),
          `${engine.name}: build on one thread`,
          () => buildOnOneThread(corpus, options.aliases),
          current,
          say,
        )
      : [];
  current.engine = undefined;
  say(
    `${engine.name}: /ask p99 ${askLatency.p99.toFixed(1)} ms, autocomplete p99 ${autocompleteLatency.p99.toFixed(1)} ms, hit@3 ${hit3.toFixed(3)}`,
  );

  return {
    result: {
      name: engine.name,
      buildMs: median(buildTimes),
      heapMB,
      ask: askLatency,
      autocomplete: autocompleteLatency,
      hit3,
      queries: { ask: askQueries.length, autocomplete: prefixes.length },
      ...(oneThreadTimes.length > 0 ? { buildOneThreadMs: median(oneThreadTimes) } : {}),
    },
    hits,
  };
}

/** Footnote's and MiniSearch's hit@3 on the queries both ran. */
function compareWithMinisearch(
  measured: ReadonlyMap<EngineName, Measured>,
  answers: readonly ReadonlySet<string>[],
): QualityComparison | undefined {
  const ours = measured.get('footnote')?.hits;
  const theirs = measured.get('minisearch')?.hits;
  if (!ours || !theirs) return undefined;
  const common = [...theirs.keys()].filter((index) => ours.has(index) && answers[index]!.size > 0);
  return {
    queries: common.length,
    footnote: shareOf(common.map((index) => ours.get(index)!)),
    minisearch: shareOf(common.map((index) => theirs.get(index)!)),
  };
}

interface RunContext {
  readonly options: BenchOptions;
  readonly queries: readonly IndexedQuery[];
  readonly prefixes: readonly string[];
  readonly answers: readonly ReadonlySet<string>[];
  readonly say: (message: string) => void;
}

/**
 * Generates one corpus and measures every engine on it. A function of its own so that nothing of the previous
 * corpus is still referenced from the caller's frame when this one's memory is measured.
 */
async function measureCorpus(passages: number, shape: CorpusShape, context: RunContext): Promise<SizeResult> {
  const { options, queries, prefixes, answers } = context;
  const label = `${formatCount(passages)} ${shape}`;
  const say = (message: string): void => context.say(`${label}: ${message}`);
  const fuseMax = options.fuseMaxPassages ?? BENCH_DEFAULTS.fuseMaxPassages;
  const planOf = options.plan ?? planFor;

  const before = liveMemoryMB();
  say('generating the corpus');
  const corpus = generateCorpus({
    passages,
    shape,
    seed: options.seed,
    randomSeed: options.randomSeed ?? DEFAULT_RANDOM_SEED,
    onProgress: (done, total) => say(`${formatCount(done)}/${formatCount(total)} passages generated`),
  });
  const corpusMB = liveMemoryMB() - before;
  const notes: string[] = [];
  const unanswerable = answers.filter((a) => a.size === 0).length;
  if (unanswerable > 0)
    notes.push(`${unanswerable} queries have no planted passage with an expected phrase; hit@3 leaves them out`);

  const measured = new Map<EngineName, Measured>();
  for (const engine of options.engines ?? ENGINES) {
    if (engine.name === 'fuse.js' && passages > fuseMax) {
      notes.push(
        `fuse.js is not run above ${formatCount(fuseMax)} passages: it reads every passage for every query (seconds each)`,
      );
      continue;
    }
    const plan = planOf(engine.name, passages);
    const work = {
      plan,
      askQueries: spreadSample(queries, Math.min(queries.length, plan.askQueries)),
      prefixes: spreadSample(prefixes, Math.min(prefixes.length, plan.autocompleteLookups)),
    };
    measured.set(engine.name, await measureEngine(engine, corpus, options, work, answers, say));
  }
  const versusMinisearch = compareWithMinisearch(measured, answers);
  return {
    passages: corpus.passages.length,
    shape,
    corpusMB,
    engines: [...measured.values()].map((m) => m.result),
    ...(versusMinisearch ? { versusMinisearch } : {}),
    notes,
  };
}

/**
 * Runs the benchmark: for each size and shape, generates the corpus, then builds and measures each engine in turn
 * (only one is alive at a time, so memory figures do not mix). Nothing else runs in the process while it measures:
 * it awaits only builds (Footnote's builds a large library on two threads, as the bot does).
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const sizesWanted = options.sizes ?? BENCH_DEFAULTS.sizes;
  const shapes = options.shapes ?? BENCH_DEFAULTS.shapes;
  const say = options.onProgress ?? (() => {});
  const randomSeed = options.randomSeed ?? DEFAULT_RANDOM_SEED;
  const queries: IndexedQuery[] = buildQueries(
    options.questions,
    options.variants ?? BENCH_DEFAULTS.variants,
    randomSeed,
  ).map((q, index) => ({ ...q, index }));
  const prefixes = queries.flatMap((q) => keystrokePrefixes(q.text));
  const answers = answersOf(options.seed, queries);
  // The word list behind typo handling loads on the first fuzzy lookup and is shared by every index: load it
  // now, so that no engine's memory or first query pays for it.
  isEnglishWord('warm');

  const sizes: SizeResult[] = [];
  for (const passages of sizesWanted) {
    for (const shape of shapes)
      sizes.push(await measureCorpus(passages, shape, { options, queries, prefixes, answers, say }));
  }
  return { cores: availableParallelism(), node: process.version, queries: queries.length, sizes };
}
