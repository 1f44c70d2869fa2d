import type { EngineName } from './engines.js';
import type { BenchResult, EngineResult, SizeResult } from './run.js';

/**
 * What issue 6 asks of the index on a 2-core machine, as data: the report checks each against the run, and the
 * same list documents them.
 */
export interface Target {
  readonly label: string;
  readonly passages: number;
  readonly shape: 'mixed' | 'dense';
  /** The measured value, or undefined when the run did not include what it needs. */
  readonly measure: (size: SizeResult) => number | undefined;
  readonly compare: 'at-most' | 'at-least';
  readonly limit: number;
  readonly unit: string;
}

const engine = (size: SizeResult, name: EngineName): EngineResult | undefined =>
  size.engines.find((e) => e.name === name);
const footnote = (size: SizeResult): EngineResult | undefined => engine(size, 'footnote');

/** How many times lower footnote's p99 is than fuse.js's, for `/ask` or autocomplete. */
export function fuseP99Ratio(size: SizeResult, kind: 'ask' | 'autocomplete'): number | undefined {
  const ours = footnote(size)?.[kind].p99;
  const theirs = engine(size, 'fuse.js')?.[kind].p99;
  return ours === undefined || theirs === undefined ? undefined : theirs / Math.max(ours, 1e-3);
}

/** Footnote's hit@3 minus MiniSearch's, on the queries both ran. */
export function hit3VersusMinisearch(size: SizeResult): number | undefined {
  const comparison = size.versusMinisearch;
  return comparison && comparison.queries > 0 ? comparison.footnote - comparison.minisearch : undefined;
}

export const TARGETS: readonly Target[] = [
  {
    label: 'build',
    passages: 100_000,
    shape: 'mixed',
    measure: (s) => footnote(s)?.buildMs,
    compare: 'at-most',
    limit: 5_000,
    unit: 'ms',
  },
  {
    label: '/ask p99',
    passages: 100_000,
    shape: 'mixed',
    measure: (s) => footnote(s)?.ask.p99,
    compare: 'at-most',
    limit: 50,
    unit: 'ms',
  },
  {
    label: 'autocomplete p99',
    passages: 100_000,
    shape: 'mixed',
    measure: (s) => footnote(s)?.autocomplete.p99,
    compare: 'at-most',
    limit: 20,
    unit: 'ms',
  },
  {
    label: 'heap',
    passages: 100_000,
    shape: 'mixed',
    measure: (s) => footnote(s)?.heapMB,
    compare: 'at-most',
    limit: 300,
    unit: 'MB',
  },
  {
    label: '/ask p99',
    passages: 100_000,
    shape: 'dense',
    measure: (s) => footnote(s)?.ask.p99,
    compare: 'at-most',
    limit: 200,
    unit: 'ms',
  },
  ...(['mixed', 'dense'] as const).flatMap((shape) => [
    {
      label: '/ask p99 lower than fuse.js by',
      passages: 10_000,
      shape,
      measure: (s: SizeResult) => fuseP99Ratio(s, 'ask'),
      compare: 'at-least' as const,
      limit: 50,
      unit: '×',
    },
    {
      label: 'autocomplete p99 lower than fuse.js by',
      passages: 10_000,
      shape,
      measure: (s: SizeResult) => fuseP99Ratio(s, 'autocomplete'),
      compare: 'at-least' as const,
      limit: 50,
      unit: '×',
    },
    {
      label: 'hit@3 minus MiniSearch',
      passages: 100_000,
      shape,
      measure: hit3VersusMinisearch,
      compare: 'at-least' as const,
      limit: 0,
      unit: '',
    },
  ]),
];

export interface TargetCheck {
  readonly target: Target;
  readonly value: number;
  readonly met: boolean;
}

/** The targets this run can judge (its sizes and shapes), each with the measured value and whether it is met. */
export function checkTargets(result: BenchResult): TargetCheck[] {
  return TARGETS.flatMap((target) => {
    const size = result.sizes.find((s) => s.passages === target.passages && s.shape === target.shape);
    const value = size ? target.measure(size) : undefined;
    if (value === undefined) return [];
    return [{ target, value, met: target.compare === 'at-most' ? value <= target.limit : value >= target.limit }];
  });
}

/** Milliseconds with two significant decimals below 10, whole above: enough to read, not more. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? '–' : `${ratio >= 10 ? Math.round(ratio).toLocaleString('en-US') : ratio.toFixed(1)}×`;
}

function formatSigned(value: number | undefined): string {
  return value === undefined ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}

const COLUMNS = [
  'passages',
  'shape',
  'engine',
  'build ms',
  'heap MB',
  'ask p50',
  'ask p99',
  'ac p50',
  'ac p99',
  'hit@3',
  'runs',
] as const;

/** Lays rows out in aligned columns: text left, figures right. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: (column: number) => boolean,
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The human-readable report: the table, the ratios, the notes and the targets. */
export function formatReport(result: BenchResult): string {
  const rows = result.sizes.flatMap((size) =>
    size.engines.map((e) => [
      size.passages.toLocaleString('en-US'),
      size.shape,
      e.name,
      formatMs(e.buildMs),
      e.heapMB.toFixed(1),
      formatMs(e.ask.p50),
      formatMs(e.ask.p99),
      formatMs(e.autocomplete.p50),
      formatMs(e.autocomplete.p99),
      e.hit3.toFixed(3),
      `${e.queries.ask}/${e.queries.autocomplete}`,
    ]),
  );
  const lines = [
    `Footnote benchmark: ${result.cores} cores (os.availableParallelism()), Node ${result.node}, ${result.queries} /ask queries.`,
    'Times in ms: build is the median of repeated builds; p50/p99 are medians over timed rounds. heap = memory the built',
    'engine keeps alive after a full GC (JS heap + ArrayBuffers), the corpus itself excluded. ac = autocomplete;',
    'runs = /ask queries / autocomplete lookups timed (fuse.js and MiniSearch at scale on even samples, one round).',
    '',
    formatTable(COLUMNS, rows, (c) => c === 0 || c >= 3),
    '',
    'Ratios:',
  ];
  for (const size of result.sizes) {
    const versus = size.versusMinisearch;
    const quality = versus
      ? `${formatSigned(hit3VersusMinisearch(size))} (${versus.footnote.toFixed(3)} vs ${versus.minisearch.toFixed(3)} on ${versus.queries} queries)`
      : '–';
    lines.push(
      `  ${size.passages.toLocaleString('en-US').padStart(7)} ${size.shape.padEnd(5)}  fuse.js p99 ÷ footnote p99: /ask ${formatRatio(fuseP99Ratio(size, 'ask')).padStart(6)}, autocomplete ${formatRatio(fuseP99Ratio(size, 'autocomplete')).padStart(6)}   hit@3 vs MiniSearch ${quality}   corpus ${size.corpusMB.toFixed(0)} MB`,
    );
    const ours = footnote(size);
    if (ours?.buildOneThreadMs !== undefined) {
      lines.push(
        `  ${''.padStart(7)} ${''.padEnd(5)}  footnote build on two threads ${formatMs(ours.buildMs)} ms vs one thread ${formatMs(ours.buildOneThreadMs)} ms (${formatRatio(ours.buildOneThreadMs / ours.buildMs)} faster)`,
      );
    }
  }
  const notes = [...new Set(result.sizes.flatMap((s) => s.notes))];
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map((n) => `  - ${n}`));
  const checks = checkTargets(result);
  if (checks.length > 0) {
    lines.push('', 'Targets:');
    for (const { target, value, met } of checks) {
      const shown =
        target.unit === 'ms'
          ? formatMs(value)
          : target.unit === '×'
            ? formatRatio(value)
            : target.unit === 'MB'
              ? value.toFixed(1)
              : formatSigned(value);
      const limit = `${target.compare === 'at-most' ? '≤' : '≥'} ${target.limit.toLocaleString('en-US')}${target.unit === '' ? '' : ` ${target.unit}`}`;
      lines.push(
        `  ${met ? 'met   ' : 'MISSED'}  ${target.passages.toLocaleString('en-US')} ${target.shape}: ${target.label} ${shown}${target.unit === 'ms' || target.unit === 'MB' ? ` ${target.unit}` : ''} (target ${limit})`,
      );
    }
  }
  return lines.join('\n');
}

/** The `--json` form: the fields issue 6 names, plus the notes and query counts that explain them. */
export function toJson(result: BenchResult): unknown {
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    cores: result.cores,
    node: result.node,
    queries: result.queries,
    sizes: result.sizes.map((s) => ({
      passages: s.passages,
      shape: s.shape,
      corpusMB: round(s.corpusMB),
      engines: s.engines.map((e) => ({
        name: e.name,
        buildMs: round(e.buildMs),
        heapMB: round(e.heapMB),
        ask: { p50: round(e.ask.p50), p99: round(e.ask.p99) },
        autocomplete: { p50: round(e.autocomplete.p50), p99: round(e.autocomplete.p99) },
        hit3: round(e.hit3),
        queries: e.queries,
        ...(e.buildOneThreadMs !== undefined ? { buildOneThreadMs: round(e.buildOneThreadMs) } : {}),
      })),
      ...(s.versusMinisearch
        ? {
            versusMinisearch: {
              ...s.versusMinisearch,
              footnote: round(s.versusMinisearch.footnote),
              minisearch: round(s.versusMinisearch.minisearch),
            },
          }
        : {}),
      ratios: {
        fuseAskP99: ratioOrNull(fuseP99Ratio(s, 'ask')),
        fuseAutocompleteP99: ratioOrNull(fuseP99Ratio(s, 'autocomplete')),
        hit3VersusMinisearch: ratioOrNull(hit3VersusMinisearch(s)),
      },
      notes: s.notes,
    })),
  };
}

function ratioOrNull(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 1000) / 1000;
}
