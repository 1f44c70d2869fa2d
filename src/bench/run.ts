import { availableParallelism } from 'node:os';
import type { EvalQuestion } from '../core/eval/metrics.js';
import type { AliasGroup } from '../core/knowledge/aliases.js';
import { normalizeText } from '../core/normalize.js';
import { isEnglishWord } from '../core/search/dictionary.js';
import type { Article } from '../core/types.js';
import { type Corpus, type CorpusShape, DEFAULT_RANDOM_SEED, generateCorpus } from './corpus.js';
import { type BuiltEngine, ENGINES, type Engine, type EngineName } from './engines.js';
import { liveMemoryMB } from './heap.js';
import { type BenchQuery, buildQueries, keystrokePrefixes, spreadSample } from './queries.js';
import { type Latency, measureLatency, median, timed } from './timing.js';

/** How much each part of a run measures. The defaults finish the full run (three sizes, two shapes) in minutes. */
export const BENCH_DEFAULTS = Object.freeze({
  sizes: [1_000, 10_000, 100_000] as readonly number[],
  shapes: ['mixed', 'dense'] as readonly CorpusShape[],
  /** Misspelt variants per eval question: 20 questions give 220 queries. */
  variants: 10,
  /** Autocomplete lookups, spread over every keystroke of every query. */
  autocompleteLookups: 1_000,
  /** fuse.js reads every passage for every query: it gets a sample, and only up to this size. */
  fuseQueries: 60,
  fuseAutocompleteLookups: 120,
  fuseMaxPassages: 10_000,
  /** Timed rounds over the query list (after one untimed round that also measures quality); medians are reported. */
  rounds: 3,
  /** Index builds per engine; the median is reported. */
  buildRepeats: 3,
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
  /** Share of queries with a right planted passage among the first three `/ask` results. */
  readonly hit3: number;
  readonly queries: { readonly ask: number; readonly autocomplete: number };
}

export interface SizeResult {
  readonly passages: number;
  readonly shape: CorpusShape;
  /** Memory of the corpus itself (articles, passages, sentences), MB: the same for every engine, not in `heapMB`. */
  readonly corpusMB: number;
  readonly engines: readonly EngineResult[];
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
  readonly autocompleteLookups?: number;
  readonly fuseQueries?: number;
  readonly fuseAutocompleteLookups?: number;
  readonly fuseMaxPassages?: number;
  readonly rounds?: number;
  readonly buildRepeats?: number;
  readonly randomSeed?: number;
  /** Progress of long steps, one line each (the CLI prints them to stderr). */
  readonly onProgress?: (message: string) => void;
}

/** Curly quotes and runs of white space folded, as the eval compares expected phrases. */
function foldForMatch(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** For each query, the planted passages that answer it: those whose text holds one of its expected phrases. */
function answersOf(corpus: Corpus, seed: readonly Article[], queries: readonly BenchQuery[]): ReadonlySet<string>[] {
  const planted = seed.flatMap((a) => a.passages).filter((p) => corpus.planted.has(p.id));
  const folded = planted.map((p) => ({ id: p.id, text: foldForMatch(p.text) }));
  return queries.map((q) => {
    const phrases = q.expect.map(foldForMatch);
    return new Set(folded.filter((p) => phrases.some((phrase) => p.text.includes(phrase))).map((p) => p.id));
  });
}

/** Share of queries (among those with an answer in the corpus) with a right passage in the first three results. */
export function hitAt3(results: readonly (readonly string[])[], answers: readonly ReadonlySet<string>[]): number {
  let asked = 0;
  let hits = 0;
  results.forEach((ids, i) => {
    const right = answers[i];
    if (!right || right.size === 0) return;
    asked += 1;
    if (ids.slice(0, 3).some((id) => right.has(id))) hits += 1;
  });
  return asked > 0 ? hits / asked : 0;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A query with its place in the full list, where its answers are looked up. */
type IndexedQuery = BenchQuery & { readonly index: number };

interface EnginePlan {
  readonly askQueries: readonly IndexedQuery[];
  readonly prefixes: readonly string[];
  readonly rounds: number;
  readonly buildRepeats: number;
}

/** Builds one engine (median of several builds), then measures memory, quality and latency on the last build. */
function measureEngine(
  engine: Engine,
  corpus: Corpus,
  options: BenchOptions,
  plan: EnginePlan,
  answers: readonly ReadonlySet<string>[],
  baselineMB: number,
  say: (message: string) => void,
): EngineResult {
  const buildTimes: number[] = [];
  let built: BuiltEngine | undefined;
  for (let i = 0; i < plan.buildRepeats; i++) {
    built = undefined;
    liveMemoryMB(); // a collection now, so no leftover garbage of the previous build is paid for inside this one
    const { ms, value } = timed(() => engine.build(corpus, options.aliases));
    built = value;
    buildTimes.push(ms);
    say(`${engine.name}: build ${i + 1}/${plan.buildRepeats} in ${(ms / 1000).toFixed(2)} s`);
  }
  const engineBuilt = built!;
  const heapMB = liveMemoryMB() - baselineMB;

  // The untimed first round measures quality and warms the JIT up for the timed rounds.
  const results = plan.askQueries.map((q) => engineBuilt.ask(q.text));
  const hit3 = hitAt3(results, plan.askQueries.map((q) => answers[q.index]!));
  say(`${engine.name}: hit@3 ${hit3.toFixed(3)}; timing ${plan.askQueries.length} /ask queries × ${plan.rounds}`);
  const ask = measureLatency(plan.askQueries, (q) => engineBuilt.ask(q.text), plan.rounds);

  for (const prefix of spreadSample(plan.prefixes, 50)) engineBuilt.autocomplete(prefix);
  say(`${engine.name}: timing ${plan.prefixes.length} autocomplete lookups × ${plan.rounds}`);
  const autocomplete = measureLatency(plan.prefixes, (prefix) => engineBuilt.autocomplete(prefix), plan.rounds);
  say(`${engine.name}: /ask p99 ${ask.p99.toFixed(2)} ms, autocomplete p99 ${autocomplete.p99.toFixed(2)} ms`);

  return {
    name: engine.name,
    buildMs: median(buildTimes),
    heapMB,
    ask,
    autocomplete,
    hit3,
    queries: { ask: plan.askQueries.length, autocomplete: plan.prefixes.length },
  };
}

/**
 * Runs the benchmark: for each size and shape, generates the corpus, then builds and measures each engine in turn
 * (only one engine is alive at a time, so memory figures do not mix). Synchronous on purpose: nothing else runs
 * in the process while it measures.
 */
export function runBenchmark(options: BenchOptions): BenchResult {
  const settings = { ...BENCH_DEFAULTS, ...withoutUndefined(options) };
  const say = options.onProgress ?? (() => {});
  const queries = buildQueries(options.questions, settings.variants, settings.randomSeed ?? DEFAULT_RANDOM_SEED).map((q, index) => ({ ...q, index }));
  const prefixes = queries.flatMap((q) => keystrokePrefixes(q.text));
  // The word list behind typo handling loads on the first fuzzy lookup and is shared by every index: load it
  // now, so no engine's memory or first query pays for it.
  isEnglishWord('warm');

  const sizes: SizeResult[] = [];
  for (const passages of settings.sizes) {
    for (const shape of settings.shapes) {
      const label = `${formatCount(passages)} ${shape}`;
      const before = liveMemoryMB();
      say(`${label}: generating the corpus`);
      const corpus = generateCorpus({
        passages,
        shape,
        seed: options.seed,
        ...(settings.randomSeed !== undefined ? { randomSeed: settings.randomSeed } : {}),
        onProgress: (done, total) => say(`${label}: ${formatCount(done)}/${formatCount(total)} passages generated`),
      });
      const baselineMB = liveMemoryMB();
      const answers = answersOf(corpus, options.seed, queries);
      const notes: string[] = [];
      const unanswerable = answers.filter((a) => a.size === 0).length;
      if (unanswerable > 0) notes.push(`${unanswerable} queries have no planted passage with an expected phrase; hit@3 leaves them out`);

      const engines: EngineResult[] = [];
      for (const engine of settings.engines ?? ENGINES) {
        const isFuse = engine.name === 'fuse.js';
        if (isFuse && passages > settings.fuseMaxPassages) {
          notes.push(`fuse.js skipped above ${formatCount(settings.fuseMaxPassages)} passages: it reads every passage for every query`);
          continue;
        }
        const plan: EnginePlan = isFuse
          ? { askQueries: spreadSample(queries, settings.fuseQueries), prefixes: spreadSample(prefixes, settings.fuseAutocompleteLookups), rounds: 1, buildRepeats: 1 }
          : { askQueries: queries, prefixes: spreadSample(prefixes, settings.autocompleteLookups), rounds: settings.rounds, buildRepeats: settings.buildRepeats };
        engines.push(measureEngine(engine, corpus, options, plan, answers, baselineMB, (m) => say(`${label}: ${m}`)));
      }
      sizes.push({ passages: corpus.passages.length, shape, corpusMB: baselineMB - before, engines, notes });
    }
  }
  return { cores: availableParallelism(), node: process.version, queries: queries.length, sizes };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
