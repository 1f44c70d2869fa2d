import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../types.js';
import { type ForwardIndex, type ForwardInput, TermVocabulary, buildForwardIndex } from './forward-index.js';
import { workerScript } from '../worker-script.js';

/**
 * Building the index of a large library on two threads. Reading every word is most of a build (at 100,000
 * passages, about four fifths of it). The main thread builds the forward index of the first part of the library
 * while a worker builds the rest with a vocabulary of its own; the worker's words are then interned in the order
 * it met them, which is the order the main thread would have met them in, so the result is the very index a build
 * on one thread gives (term ids included). The worker then makes the typo index's table for the whole vocabulary
 * while the main thread goes on. If the worker cannot start or fails, its work is done here: slower, the same.
 */

export interface BuiltForward {
  readonly forward: ForwardIndex;
  readonly vocabulary: TermVocabulary;
  /** Threads that built it: 2 when a worker built part of it. */
  readonly threads: 1 | 2;
  /**
   * When a worker built part of it: the typo index's table (`typoDeletes`) of the whole vocabulary, which the
   * worker goes on to make once its part is in (`undefined` if it fails: the index then makes it itself).
   */
  readonly typoFromWorker?: Promise<Float64Array<ArrayBuffer> | undefined>;
}

export interface ParallelBuildOptions {
  /** `auto`: a worker for libraries of at least `PARALLEL_BUILD.minPassages` on a machine with two cores or more. */
  readonly parallel?: 'auto' | 'always' | 'never';
  /** The worker module to run, as a URL (tests point it at a missing one to see the fallback). */
  readonly workerEntry?: string;
}

export const PARALLEL_BUILD = Object.freeze({
  /** Below this a build takes well under a second, less than a worker takes to start. */
  minPassages: 20_000,
  /**
   * Share of the passages the worker builds. Under a share of a half, because the worker starts late: it loads
   * its modules (compiling TypeScript first when run from source) while the main thread already reads words.
   */
  workerShare: 0.42,
});

/** The words of every passage of `articles` and of its context, in library order: the forward index's input. */
export function forwardInputOf(articles: readonly Article[], contextTf: number): ForwardInput {
  const texts: string[] = [];
  const contexts: string[] = [];
  const contextIds = new Map<string, number>();
  const contextOf: number[] = [];
  for (const article of articles) {
    // Passages of one section follow each other: the context string is made once a section, not once a passage.
    let section: string | undefined;
    let id = -1;
    for (const passage of article.passages) {
      texts.push(passage.text);
      if (id === -1 || passage.section !== section) {
        section = passage.section;
        const context = `${article.meta.title}\n${section ?? ''}`;
        id = contextIds.get(context) ?? contexts.length;
        if (id === contexts.length) {
          contexts.push(context);
          contextIds.set(context, id);
        }
      }
      contextOf.push(id);
    }
  }
  return { texts, contexts, contextOf: Uint32Array.from(contextOf), contextTf };
}

export function buildForwardOnThisThread(input: ForwardInput): BuiltForward {
  const vocabulary = new TermVocabulary();
  return { forward: buildForwardIndex(input, vocabulary), vocabulary, threads: 1 };
}

/** A part of the library built by a worker: its forward index in its own term ids, and its vocabulary. */
export interface ForwardPart {
  readonly forward: ForwardIndex;
  /** The worker's surface words in the order it met them, with the id of each one's term... */
  readonly surfaces: readonly string[];
  readonly surfaceTerms: Uint32Array<ArrayBuffer>;
  /** ...and its terms, by id. */
  readonly terms: readonly string[];
}

/** What the worker is asked to do (see forward-worker.ts): build the forward index of its part, then the typo index's table. */
export type ForwardWorkerRequest =
  | { readonly kind: 'forward'; readonly input: ForwardInput }
  | { readonly kind: 'typo'; readonly words: readonly string[] };

export type ForwardWorkerReply =
  | { readonly ok: true; readonly kind: 'forward'; readonly part: ForwardPart }
  | { readonly ok: true; readonly kind: 'typo'; readonly deletes: Float64Array<ArrayBuffer> }
  | { readonly ok: false; readonly error: string };

/** Builds the forward index of `input`, on two threads when it is large enough and the machine has two cores. */
export async function buildForward(input: ForwardInput, options: ParallelBuildOptions = {}): Promise<BuiltForward> {
  const mode = options.parallel ?? 'auto';
  const total = input.texts.length;
  const parallel =
    mode === 'always'
      ? total >= 2
      : mode === 'auto' && total >= PARALLEL_BUILD.minPassages && availableParallelism() >= 2;
  if (!parallel) return buildForwardOnThisThread(input);

  const split = Math.max(1, Math.min(total - 1, Math.round(total * (1 - PARALLEL_BUILD.workerShare))));
  const first = sliceInput(input, 0, split);
  const rest = sliceInput(input, split, total);
  // Started before the main thread's part, so that it runs beside it.
  const worker = BuildWorker.start(options.workerEntry);
  const part = worker?.ask({ kind: 'forward', input: rest });
  const vocabulary = new TermVocabulary();
  const head = buildForwardIndex(first, vocabulary);
  const reply = await part;
  if (worker === undefined || reply?.kind !== 'forward') {
    // The worker failed: its part is built here, continuing the same vocabulary, as a build on one thread would.
    worker?.close();
    return { forward: concatForward(head, buildForwardIndex(rest, vocabulary), undefined), vocabulary, threads: 1 };
  }
  const toGlobal = foldIn(vocabulary, reply.part);
  // The vocabulary is whole: the worker makes its typo index while this thread joins and inverts the index.
  const typoFromWorker = worker
    .ask({ kind: 'typo', words: vocabulary.surfaces })
    .then((typo) => (typo?.kind === 'typo' ? typo.deletes : undefined))
    .finally(() => worker.close());
  return { forward: concatForward(head, reply.part.forward, toGlobal), vocabulary, threads: 2, typoFromWorker };
}

function sliceInput(input: ForwardInput, from: number, to: number): ForwardInput {
  return { ...input, texts: input.texts.slice(from, to), contextOf: input.contextOf.slice(from, to) };
}

/**
 * Interns a worker's surfaces into `vocabulary` in the order the worker met them, and returns the id in
 * `vocabulary` of each of the worker's terms. (A term's stem is a function of its surface, so every surface of a
 * worker term lands on the same term here.)
 */
function foldIn(vocabulary: TermVocabulary, part: ForwardPart): Uint32Array {
  const toGlobal = new Uint32Array(part.terms.length);
  part.surfaces.forEach((surface, i) => {
    const local = part.surfaceTerms[i]!;
    toGlobal[local] = vocabulary.intern(surface, part.terms[local]!);
  });
  return toGlobal;
}

/**
 * The forward index of `head`'s passages followed by `tail`'s; `toGlobal` maps `tail`'s term ids when they are a
 * worker's own. Entries keep their order (the order of the passage's words), so mapping the ids is all it takes.
 */
function concatForward(head: ForwardIndex, tail: ForwardIndex, toGlobal: Uint32Array | undefined): ForwardIndex {
  const headDocs = head.docLength.length;
  const tailDocs = tail.docLength.length;
  const headEntries = head.docTerms.length;
  const tailEntries = tail.docTerms.length;
  const docStart = new Uint32Array(headDocs + tailDocs + 1);
  docStart.set(head.docStart.subarray(0, headDocs));
  for (let d = 0; d <= tailDocs; d++) docStart[headDocs + d] = headEntries + tail.docStart[d]!;
  const docTerms = new Uint32Array(headEntries + tailEntries);
  const docTfs = new Float32Array(docTerms.length);
  docTerms.set(head.docTerms);
  docTfs.set(head.docTfs);
  docTfs.set(tail.docTfs, headEntries);
  if (toGlobal === undefined) docTerms.set(tail.docTerms, headEntries);
  else for (let i = 0; i < tailEntries; i++) docTerms[headEntries + i] = toGlobal[tail.docTerms[i]!]!;
  const docLength = new Float32Array(headDocs + tailDocs);
  docLength.set(head.docLength);
  docLength.set(tail.docLength, headDocs);
  return { docStart, docTerms, docTfs, docLength };
}

/** The worker thread of a build: asked for its part of the forward index, then for the typo index's table. */
class BuildWorker {
  private constructor(private readonly worker: Worker) {}

  /** A started worker, or `undefined` if none could be started (the caller builds everything itself). */
  static start(entry: string | undefined): BuildWorker | undefined {
    try {
      const script = workerScript(import.meta.url, 'forward-worker', entry);
      return new BuildWorker(new Worker(script.code, { eval: true, workerData: script.workerData }));
    } catch {
      return undefined;
    }
  }

  /** The worker's reply to `request`, or `undefined` if it fails or exits first. One request at a time. */
  ask(request: ForwardWorkerRequest): Promise<Extract<ForwardWorkerReply, { ok: true }> | undefined> {
    return new Promise((resolve) => {
      const settle = (reply: ForwardWorkerReply | undefined): void => {
        this.worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
        resolve(reply?.ok ? reply : undefined);
      };
      const onMessage = (reply: ForwardWorkerReply): void => settle(reply);
      const onFailure = (): void => settle(undefined);
      this.worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
      this.worker.postMessage(request);
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}
