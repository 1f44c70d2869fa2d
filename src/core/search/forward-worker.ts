import { parentPort } from 'node:worker_threads';
import { TermVocabulary, buildForwardIndex } from './forward-index.js';
import type { ForwardWorkerReply, ForwardWorkerRequest } from './parallel-build.js';

/**
 * A worker thread of parallel-build.ts: builds the forward index of the part of a library it is sent, with a
 * vocabulary of its own, and sends it back (the typed arrays moved, not copied).
 */
parentPort?.once('message', (input: ForwardWorkerRequest) => {
  let reply: ForwardWorkerReply;
  try {
    const vocabulary = new TermVocabulary();
    const forward = buildForwardIndex(input, vocabulary);
    const surfaceTerms = Uint32Array.from(vocabulary.surfaceTerms);
    reply = { ok: true, part: { forward, surfaces: vocabulary.surfaces, surfaceTerms, terms: vocabulary.terms } };
    parentPort!.postMessage(reply, [forward.docStart.buffer, forward.docTerms.buffer, forward.docTfs.buffer, forward.docLength.buffer, surfaceTerms.buffer]);
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
