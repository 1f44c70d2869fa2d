import { type ForwardInput, invertForward } from './forward-index.js';
import type { IndexParts } from './index-data.js';
import { type ParallelBuildOptions, buildForward } from './parallel-build.js';
import {
  type EncodedParts,
  type SnapshotKey,
  contentKeyOf,
  indexFormatVersion,
  readSnapshot,
  snapshotFile,
  writeSnapshot,
} from './snapshot.js';
import { typoDeletes as typoDeletesOf } from './typo-index.js';

/** Where a build keeps its snapshot (see snapshot.ts), and what it tells of it. */
export interface SnapshotOptions {
  readonly dir: string;
  /** The index format to key by; by default `indexFormatVersion()`, from this code's own source. */
  readonly formatVersion?: string;
  readonly onEvent?: (event: SnapshotEvent) => void;
}

export type SnapshotEvent =
  | { readonly kind: 'loaded'; readonly file: string; readonly bytes: number; readonly ms: number }
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'stale' | 'corrupt'; readonly file: string; readonly reason: string }
  | { readonly kind: 'written'; readonly file: string; readonly bytes: number; readonly ms: number }
  | { readonly kind: 'write-failed'; readonly file: string; readonly reason: string };

export interface IndexBuildOptions extends ParallelBuildOptions {
  /** Load the index from a snapshot made for the same passages by the same code, else build it and write one. */
  readonly snapshot?: SnapshotOptions;
}

/** Every part of the index of `input` a snapshot holds, a large library's built on two threads. */
export async function buildParts(input: ForwardInput, options: ParallelBuildOptions): Promise<Required<IndexParts>> {
  const { forward, vocabulary, typoFromWorker } = await buildForward(input, options);
  // While the worker makes the typo index, this thread inverts the forward index and sorts the vocabulary.
  const postings = invertForward(forward, vocabulary.termCount);
  const sortedSurfaces = [...vocabulary.surfaces].sort();
  const typoDeletes = (await typoFromWorker) ?? typoDeletesOf(vocabulary.surfaces);
  return { forward, vocabulary, postings, sortedSurfaces, typoDeletes };
}

export interface LoadedOrBuilt {
  readonly parts: Required<IndexParts>;
  /**
   * Set when the parts were built rather than loaded and a snapshot is kept: writes it in the background (from
   * `encoded` when the caller encoded the parts already), telling `onEvent` how it went; settles once it has. Called
   * once the index is serving, so a start-up or a reload never waits for the disk.
   */
  readonly save?: (encoded?: EncodedParts) => Promise<void>;
}

/**
 * The parts of the index of `input` (`passageCount` passages): loaded from `options.snapshot` when it was made for
 * the same words by the same code, built otherwise.
 */
export async function loadOrBuildParts(
  input: ForwardInput,
  passageCount: number,
  options: IndexBuildOptions,
): Promise<LoadedOrBuilt> {
  const snapshot = options.snapshot;
  if (snapshot === undefined) return { parts: await buildParts(input, options) };

  const started = performance.now();
  const file = snapshotFile(snapshot.dir);
  const key: SnapshotKey = {
    formatVersion: snapshot.formatVersion ?? indexFormatVersion(),
    contentKey: contentKeyOf(input),
  };
  const read = await readSnapshot(file, key, passageCount);
  const tell = snapshot.onEvent ?? (() => undefined);
  if (read.kind === 'loaded') {
    tell({ kind: 'loaded', file, bytes: read.bytes, ms: Math.round(performance.now() - started) });
    return { parts: read.parts };
  }
  tell(read.kind === 'missing' ? { kind: 'missing', file } : { kind: read.kind, file, reason: read.reason });
  const parts = await buildParts(input, options);
  const save = (encoded?: EncodedParts): Promise<void> => {
    const writing = performance.now();
    return writeSnapshot(file, key, passageCount, encoded ?? parts).then(
      (bytes) => tell({ kind: 'written', file, bytes, ms: Math.round(performance.now() - writing) }),
      (error: unknown) => tell({ kind: 'write-failed', file, reason: (error as Error).message }),
    );
  };
  return { parts, save };
}
