import { Worker } from 'node:worker_threads';
import { type ExtractOutcome, extractArticle } from './extract-html.js';

/** Readability over a large page can take seconds; past this, the page is given up rather than read. */
export const EXTRACT_TIMEOUT_MS = 30_000;

export type OffThreadOutcome = ExtractOutcome | { readonly kind: 'timeout'; readonly seconds: number };

/** The worker module beside this one, from source with tsx registered first (as in search/parallel-build.ts). */
function workerScript(): { code: string; entry: string; register: string | undefined } {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const entry = new URL(`./extract-worker.${fromSource ? 'ts' : 'js'}`, here).href;
  const register = fromSource
    ? typeof import.meta.resolve === 'function'
      ? import.meta.resolve('tsx/esm/api')
      : 'tsx/esm/api'
    : undefined;
  const code = `const { workerData } = require('node:worker_threads');
(workerData.register ? import(workerData.register).then((tsx) => tsx.register()) : Promise.resolve()).then(() => import(workerData.entry));`;
  return { code, entry, register };
}

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
    const script = workerScript();
    worker = new Worker(script.code, {
      eval: true,
      workerData: { entry: script.entry, register: script.register, html, pageUrl },
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
