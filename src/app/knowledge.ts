import type { Problem } from '../core/knowledge/load.js';
import { KnowledgeBase } from '../core/knowledge-base.js';
import type { IndexBuildOptions, SnapshotEvent } from '../core/search/search-index.js';
import type { Logger } from '../log.js';
import { MESSAGES } from '../messages.js';

export class NoKnowledgeError extends Error {
  constructor(dir: string) {
    super(`${MESSAGES.noArticles} (folder: ${dir})`);
    this.name = 'NoKnowledgeError';
  }
}

export function describeProblem(problem: Problem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`;
}

/**
 * Loads the knowledge folder for serving: every problem is logged with the file it is about, bad files are
 * skipped, and only a library with no usable article at all stops the start.
 */
export async function loadKnowledge(
  dir: string,
  logger: Logger,
  options: IndexBuildOptions = {},
): Promise<KnowledgeBase> {
  const started = performance.now();
  const kb = await KnowledgeBase.load(dir, options);
  for (const problem of kb.library.problems) {
    logger[problem.severity === 'error' ? 'warn' : 'info'](
      { file: problem.file, line: problem.line },
      describeProblem(problem),
    );
  }
  if (kb.articles.length === 0) throw new NoKnowledgeError(dir);
  logger.debug(
    { articles: kb.articles.length, passages: kb.index.size, ms: Math.round(performance.now() - started) },
    'knowledge loaded',
  );
  return kb;
}

/** How a build of the library uses the snapshot in `snapshotDir` (none when SNAPSHOT=off), each step logged. */
export function indexBuildOptions(snapshotDir: string | undefined, logger: Logger): IndexBuildOptions {
  if (snapshotDir === undefined) return {};
  const log = (event: SnapshotEvent): void => {
    if (event.kind === 'corrupt' || event.kind === 'write-failed')
      logger.warn({ file: event.file, reason: event.reason }, `index snapshot ${event.kind}: the index is built`);
    else logger.debug({ ...event }, `index snapshot ${event.kind}`);
  };
  return { snapshot: { dir: snapshotDir, onEvent: log } };
}
