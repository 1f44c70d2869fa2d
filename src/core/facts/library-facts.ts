import { Worker } from 'node:worker_threads';
import { postArticles } from '../knowledge/pack.js';
import type { Article } from '../types.js';
import { workerScript } from '../worker-script.js';
import { type EntityLexicon, entityLexicon, mergeLexicons } from './entities.js';
import { extractEvents } from './events.js';
import { extractFigures } from './figures.js';
import { sortEvents } from './timeline.js';
import type { Figure, TimelineEvent } from './types.js';

/**
 * What `/timeline` and `/investment` read: every dated event in order, every figure in article order, and the
 * names the library holds (the `about:` option's suggestions and its matching).
 */
export interface LibraryFacts {
  readonly events: readonly TimelineEvent[];
  readonly figures: readonly Figure[];
  readonly lexicon: EntityLexicon;
}

/**
 * Below this many passages the facts are read on the calling thread: a worker's start-up and the copy of the
 * articles cost more than the reading (about 0.14 ms a passage on the loaded 2-core machine).
 */
export const FACTS_OFF_THREAD_FROM = 2_000;

export function extractLibraryFacts(
  articles: readonly Article[],
  aliases: readonly (readonly string[])[],
): LibraryFacts {
  return {
    events: sortEvents(articles.flatMap(extractEvents)),
    figures: articles.flatMap(extractFigures),
    lexicon: entityLexicon(articles, aliases),
  };
}

/** The facts of two libraries served as one: events in order, figures in article order, names together. */
export function mergeFacts(a: LibraryFacts, b: LibraryFacts): LibraryFacts {
  return {
    events: sortEvents([...a.events, ...b.events]),
    figures: [...a.figures, ...b.figures],
    lexicon: mergeLexicons(a.lexicon, b.lexicon),
  };
}

/**
 * `extractLibraryFacts` on a worker thread, so that the first `/timeline` on a large library does not pause every
 * other answer for seconds (10,000 passages took 1.3 s). Events and figures are plain data: only they come back,
 * copied once; the names too, so the first suggestion for `about:` is not the one that reads them. If no worker can be started, or it fails, the facts are read on this thread instead.
 */
export function extractFactsOffThread(
  articles: readonly Article[],
  aliases: readonly (readonly string[])[],
): Promise<LibraryFacts> {
  const inline = (): LibraryFacts => extractLibraryFacts(articles, aliases);
  let worker: Worker;
  try {
    const script = workerScript(import.meta.url, 'facts-worker');
    worker = new Worker(script.code, { eval: true, workerData: { ...script.workerData, aliases } });
  } catch {
    return Promise.resolve(inline());
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (facts: () => LibraryFacts): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      try {
        resolve(facts());
      } catch (error) {
        reject(error);
      }
    };
    worker.once('message', (facts: LibraryFacts) => settle(() => facts));
    worker.once('error', () => settle(inline));
    worker.once('exit', () => settle(inline));
    // Packed, a group at a time: posting the articles as objects copies (and splits the sentences of) every
    // passage on this thread, seconds at 100,000 passages.
    postArticles(worker, articles).catch(() => settle(inline));
  });
}
