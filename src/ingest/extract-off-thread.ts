import { Worker } from 'node:worker_threads';
import { workerScript } from '../core/worker-script.js';
import { type ExtractOutcome, extractArticle } from './extract-html.js';

/** Readability over a large page can take seconds; past this, the page is given up rather than read. */
export const EXTRACT_TIMEOUT_MS = 30_000;

export type OffThreadOutcome = ExtractOutcome | { readonly kind: 'timeout'; readonly seconds: number };

/**
 * `extractArticle` on a worker thread, so a large page does not pause the answers the process is giving meanwhile
 * (a 350 KB page took about 3 s on the loaded 2-core machine). A page still being read after `timeoutMs` is given
 * up. If no worker can be started, or it dies, the page is read on this thread instead (`fallback`).
 */
export function extractOffThread(
  html: string,
  pageUrl: string | undefined,
  options: { readonly timeoutMs?: number; readonly fallback?: typeof extractArticle } = {},
): Promise<OffThreadOutcome> {
  const timeoutMs = options.timeoutMs ?? EXTRACT_TIMEOUT_MS;
  const inline = (): OffThreadOutcome => (options.fallback ?? extractArticle)(html, pageUrl);
  let worker: Worker;
  try {
    const script = workerScript(import.meta.url, 'extract-worker');
    worker = new Worker(script.code, {
      eval: true,
      workerData: { ...script.workerData, html, pageUrl },
    });
  } catch {
    return Promise.resolve(inline());
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: () => OffThreadOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome());
    };
    const timer = setTimeout(() => settle(() => ({ kind: 'timeout', seconds: timeoutMs / 1_000 })), timeoutMs);
    worker.once('message', (outcome: ExtractOutcome) => settle(() => outcome));
    worker.once('error', () => settle(inline));
    worker.once('exit', () => settle(inline));
  });
}
