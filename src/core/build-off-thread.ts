import { Worker } from 'node:worker_threads';
import type { LibraryFacts } from './facts/index.js';
import { postArticles } from './knowledge/pack.js';
import type { IndexBuildOptions, SnapshotEvent } from './search/build-parts.js';
import type { IndexParts } from './search/index-data.js';
import type { ParallelBuildOptions } from './search/parallel-build.js';
import { type Section, decodePartsGradually } from './search/snapshot.js';
import type { Article } from './types.js';
import { workerScript } from './worker-script.js';

/**
 * A library indexed, and its facts read, on a worker thread, so that a reload of a large shared library does not
 * pause the answers being given meanwhile. The worker is given the articles packed (one string of text, typed
 * arrays of numbers) and gives back the index as one shared buffer of typed arrays and word lists (a snapshot's
 * body): what this thread does is pack, decode the views and rebuild the vocabulary's two maps, tens of
 * milliseconds at 100,000 passages where building here took seconds.
 */

/** Given as the worker's data; the articles follow as messages (see `postArticles`). */
export interface LibraryWorkerRequest {
  readonly aliases: readonly (readonly string[])[];
  readonly parallel: NonNullable<ParallelBuildOptions['parallel']>;
  readonly snapshot?: { readonly dir: string; readonly formatVersion?: string };
}

export type LibraryWorkerReply =
  | { readonly kind: 'snapshot'; readonly event: SnapshotEvent }
  | { readonly kind: 'index'; readonly sections: readonly Section[]; readonly body: Uint8Array }
  | { readonly kind: 'facts'; readonly facts: LibraryFacts }
  | { readonly kind: 'failed'; readonly stage: 'index' | 'facts'; readonly error: string }
  /** The snapshot is written (or failed to be): the worker has nothing left to do. */
  | { readonly kind: 'done' };

export interface BuiltOffThread {
  readonly parts: Required<IndexParts>;
  /** The library's facts, once the worker has read them (rejected if it could not). */
  readonly facts: Promise<LibraryFacts>;
}

/**
 * The index parts and facts of `articles`, made on a worker thread; `undefined` when no worker could be started or
 * the index could not be made there (the caller then builds on its own thread, as it would have without one).
 */
export function buildOffThread(
  articles: readonly Article[],
  aliases: readonly (readonly string[])[],
  options: IndexBuildOptions = {},
  workerEntry?: string,
): Promise<BuiltOffThread | undefined> {
  let passageCount = 0;
  for (const article of articles) passageCount += article.passages.length;
  const request: LibraryWorkerRequest = {
    aliases,
    // One thread for the build unless asked: the other core keeps answering while it runs (two build threads on a
    // two-core machine left answers a third of one).
    parallel: options.parallel ?? 'never',
    ...(options.snapshot
      ? {
          snapshot: {
            dir: options.snapshot.dir,
            ...(options.snapshot.formatVersion !== undefined ? { formatVersion: options.snapshot.formatVersion } : {}),
          },
        }
      : {}),
  };
  let worker: Worker;
  try {
    const script = workerScript(import.meta.url, 'library-worker', workerEntry);
    worker = new Worker(script.code, { eval: true, workerData: { ...script.workerData, ...request } });
  } catch {
    return Promise.resolve(undefined);
  }
  const tell = options.snapshot?.onEvent ?? (() => undefined);
  let settleFacts: { resolve: (facts: LibraryFacts) => void; reject: (error: Error) => void } | undefined;
  const facts = new Promise<LibraryFacts>((resolve, reject) => (settleFacts = { resolve, reject }));
  // A caller that never asks for the facts must not see an unhandled rejection.
  facts.catch(() => undefined);
  return new Promise((resolve) => {
    let indexed = false;
    let decoding = false;
    const stop = (): void => {
      resolve(undefined);
      void worker.terminate();
    };
    worker.on('message', (reply: LibraryWorkerReply) => {
      switch (reply.kind) {
        case 'snapshot':
          return tell(reply.event);
        case 'index':
          decoding = true;
          return void decodePartsGradually(reply.body, { sections: reply.sections, passageCount }).then((parts) => {
            indexed = true;
            resolve({ parts, facts });
          }, stop);
        case 'facts':
          return settleFacts!.resolve(reply.facts);
        case 'failed':
          return reply.stage === 'index' ? stop() : settleFacts!.reject(new Error(reply.error));
        case 'done':
          return void worker.terminate();
      }
    });
    const gone = (): void => {
      // The index's buffer outlives the worker: one that ends while it is decoded here has done its part.
      if (!indexed && !decoding) resolve(undefined);
      settleFacts!.reject(new Error('the library worker stopped before reading the facts'));
    };
    worker.on('error', gone).on('exit', gone);
    postArticles(worker, articles).catch(stop);
  });
}
