import { parentPort } from 'node:worker_threads';
import { TermVocabulary, buildForwardIndex } from './forward-index.js';
import { typoDeletes } from './typo-index.js';
import type { ForwardWorkerReply, ForwardWorkerRequest } from './parallel-build.js';

/**
 * A worker thread of parallel-build.ts: builds the forward index of the part of a library it is sent, with a
 * vocabulary of its own, then the typo index's table of the whole vocabulary, and sends each back (the typed arrays
 * moved, not copied).
 */
parentPort?.on('message', (request: ForwardWorkerRequest) => {
  try {
    if (request.kind === 'forward') {
      const vocabulary = new TermVocabulary();
      const forward = buildForwardIndex(request.input, vocabulary);
      const surfaceTerms = Uint32Array.from(vocabulary.surfaceTerms);
      const reply: ForwardWorkerReply = {
        ok: true,
        kind: 'forward',
        part: { forward, surfaces: vocabulary.surfaces, surfaceTerms, terms: vocabulary.terms },
      };
      parentPort!.postMessage(reply, [
        forward.docStart.buffer,
        forward.docTerms.buffer,
        forward.docTfs.buffer,
        forward.docLength.buffer,
        surfaceTerms.buffer,
      ]);
    } else {
      const deletes = typoDeletes(request.words);
      const reply: ForwardWorkerReply = { ok: true, kind: 'typo', deletes };
      parentPort!.postMessage(reply, [deletes.buffer]);
    }
  } catch (error) {
    const reply: ForwardWorkerReply = { ok: false, error: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
