import { parentPort, workerData } from 'node:worker_threads';
import { receiveArticles } from '../knowledge/pack.js';
import { extractLibraryFacts } from './library-facts.js';

/** The worker thread of library-facts.ts: reads the events and figures of the articles it is sent. */
const { aliases } = workerData as { aliases: readonly (readonly string[])[] };
const port = parentPort!;
void receiveArticles(port).then((articles) => {
  port.postMessage(extractLibraryFacts(articles, aliases));
  port.close();
});
