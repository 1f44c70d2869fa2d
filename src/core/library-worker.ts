import { parentPort, workerData } from 'node:worker_threads';
import type { LibraryWorkerReply, LibraryWorkerRequest } from './build-off-thread.js';
import { extractLibraryFacts } from './facts/index.js';
import { receiveArticles } from './knowledge/pack.js';
import { type SnapshotEvent, loadOrBuildParts } from './search/build-parts.js';
import { SEARCH_DEFAULTS } from './search/defaults.js';
import { forwardInputOf } from './search/parallel-build.js';
import { encodeParts } from './search/snapshot.js';

/**
 * The worker thread of build-off-thread.ts: receives the library's articles, indexes them (loading the snapshot,
 * or building on two threads and writing one), sends the index, then reads the facts and sends them, and says when
 * the snapshot is on disk.
 */
const request = workerData as LibraryWorkerRequest;
const port = parentPort!;
const post = (reply: LibraryWorkerReply): void => port.postMessage(reply);
const failure = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function run(): Promise<void> {
  const articles = await receiveArticles(port);
  let saving: Promise<void> | undefined;
  try {
    const input = forwardInputOf(articles, SEARCH_DEFAULTS.contextTf);
    const snapshot = request.snapshot && {
      ...request.snapshot,
      onEvent: (event: SnapshotEvent) => post({ kind: 'snapshot', event }),
    };
    const { parts, save } = await loadOrBuildParts(input, input.texts.length, {
      parallel: request.parallel,
      ...(snapshot ? { snapshot } : {}),
    });
    // In a SharedArrayBuffer: the snapshot is written from the very bytes the serving thread reads.
    const encoded = encodeParts(parts, true);
    post({ kind: 'index', sections: encoded.sections, body: encoded.body });
    saving = save?.(encoded);
  } catch (error) {
    post({ kind: 'failed', stage: 'index', error: failure(error) });
    return;
  }
  try {
    post({ kind: 'facts', facts: extractLibraryFacts(articles, request.aliases) });
  } catch (error) {
    post({ kind: 'failed', stage: 'facts', error: failure(error) });
  }
  await saving;
  post({ kind: 'done' });
}

run().catch((error: unknown) => post({ kind: 'failed', stage: 'index', error: failure(error) }));
