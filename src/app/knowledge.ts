import { type Library, type Problem, loadLibrary } from '../core/knowledge/load.js';
import { KnowledgeBase } from '../core/knowledge-base.js';
import type { IndexBuildOptions, SnapshotEvent } from '../core/search/search-index.js';
import type { Logger } from '../log.js';
import { describeIssue, MESSAGES } from '../messages.js';
import { ExplainedError } from './errors.js';

export class NoKnowledgeError extends ExplainedError {
  constructor(dir: string) {
    super(`${MESSAGES.noArticles} (folder: ${dir})`);
  }
}

/** `file:line: message`, naming the file a problem is about. */
export function describeProblem(problem: Problem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${describeIssue(problem.issue)}`;
}

/** Logs a problem with the file it is about: an error (the file is skipped) as a warning, a warning as info. */
export function logProblem(logger: Logger): (problem: Problem) => void {
  return (problem) =>
    logger[problem.severity === 'error' ? 'warn' : 'info'](
      { file: problem.file, line: problem.line },
      describeProblem(problem),
    );
}

/**
 * The one way Footnote reads its knowledge folder, for the bot, the console, `ask`, `eval`, `bench` and
 * `knowledge:check`: every problem goes to `report` with the file it is about, a bad file is skipped and the rest
 * are kept. Only `requireArticles` turns an empty library into an error.
 */
export async function readLibrary(dir: string, report: (problem: Problem) => void): Promise<Library> {
  const library = await loadLibrary(dir);
  for (const problem of library.problems) report(problem);
  return library;
}

/** A library with no usable article cannot answer anything: the start stops with a NoKnowledgeError. */
export function requireArticles(library: Library): Library {
  if (library.articles.length === 0) throw new NoKnowledgeError(library.dir);
  return library;
}

/** Reads the folder as `readLibrary` does, logging each problem, requires an article, and builds the index. */
export async function loadKnowledge(
  dir: string,
  logger: Logger,
  options: IndexBuildOptions = {},
): Promise<KnowledgeBase> {
  const started = performance.now();
  const kb = await KnowledgeBase.load(dir, options);
  for (const problem of kb.library.problems) logProblem(logger)(problem);
  requireArticles(kb.library);
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
