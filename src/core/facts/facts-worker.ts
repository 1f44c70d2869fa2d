import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../types.js';
import { extractLibraryFacts } from './library-facts.js';

/** The worker thread of library-facts.ts: reads the events and figures of the articles it was given. */
const { articles, aliases } = workerData as { articles: readonly Article[]; aliases: readonly (readonly string[])[] };
parentPort?.postMessage(extractLibraryFacts(articles, aliases));
