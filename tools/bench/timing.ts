/**
 * Timing helpers. Pure where they can be (percentiles, medians), so the arithmetic of the report is tested apart
 * from the clock.
 */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for none. p99 of 200 samples is the 198th. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Latency {
  readonly p50: number;
  readonly p99: number;
}

/**
 * Latency of `run` over every input, repeated `rounds` times: p50 and p99 are taken within each round, and the
 * median of each across rounds is reported. A pause of the noisy machine then spoils one round, not the figure.
 * `onFirstRound` sees each result of the first round (outside the timing), so quality costs no extra pass.
 */
export function measureLatency<T, R>(
  inputs: readonly T[],
  run: (input: T) => R,
  rounds: number,
  onFirstRound?: (input: T, result: R, index: number) => void,
): Latency {
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let round = 0; round < Math.max(1, rounds); round++) {
    const times: number[] = [];
    for (const [index, input] of inputs.entries()) {
      const started = performance.now();
      const result = run(input);
      times.push(performance.now() - started);
      if (round === 0) onFirstRound?.(input, result, index);
    }
    p50s.push(percentile(times, 50));
    p99s.push(percentile(times, 99));
  }
  return { p50: median(p50s), p99: median(p99s) };
}
