import { parentPort, workerData } from 'node:worker_threads';
import { extractArticle } from './extract-html.js';

/** The worker thread of extract-off-thread.ts: reads one page and sends back what it found. */
const { html, pageUrl } = workerData as { html: string; pageUrl: string | undefined };
parentPort?.postMessage(extractArticle(html, pageUrl));
