import path from 'node:path';
import { ConfigError, loadConfig, loadDotenv } from '../config.js';
import { type Library, type Problem, loadLibrary } from '../core/knowledge/load.js';
import { SHELVES_DIR, isGuildId, listShelves } from '../core/knowledge/shelves.js';

const USAGE = 'Usage: npm run knowledge:check [-- DIR]';

/** `file:line: severity: message`, the form editors and CI logs turn into links. */
function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.severity}: ${problem.message}`;
}

function summarize(library: Library): string {
  const passages = library.articles.reduce((sum, a) => sum + a.passages.length, 0);
  const errors = library.problems.filter((p) => p.severity === 'error').length;
  const warnings = library.problems.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${library.dir}: ${plural(library.articles.length, 'article')}, ${plural(passages, 'passage')}, ${plural(library.aliases.length, 'alias group')}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}

/**
 * Validates the knowledge folder as the bot would load it, like a linter: every problem on its own line, then a
 * summary. Fails on any error, or when no article at all can be served; warnings alone pass.
 */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.length > 1 || argv.some((a) => a.startsWith('-'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let dir: string;
  if (argv[0] !== undefined) dir = path.resolve(argv[0]);
  else {
    loadDotenv();
    dir = loadConfig().knowledgeDir;
  }

  const library = await loadLibrary(dir);
  for (const problem of library.problems) process.stdout.write(`${formatProblem(problem)}\n`);
  process.stdout.write(`${summarize(library)}\n`);
  if (library.articles.length === 0) {
    process.stdout.write(`error: no usable article in ${dir}\n`);
    return 1;
  }
  const shelvesFailed = await checkShelves(dir);
  return shelvesFailed || library.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** Each server's shelf (`servers/<guild id>/`) is checked as the bot would load it; an empty shelf is fine. */
async function checkShelves(dir: string): Promise<boolean> {
  let failed = false;
  for (const name of await listShelves(dir)) {
    const prefix = `${SHELVES_DIR}/${name}/`;
    if (!isGuildId(name)) {
      process.stdout.write(`${prefix}: warning: not a server id (17 to 20 digits); this folder is never served\n`);
      continue;
    }
    const shelf = await loadLibrary(path.join(dir, SHELVES_DIR, name));
    for (const problem of shelf.problems)
      process.stdout.write(`${formatProblem({ ...problem, file: `${prefix}${problem.file}` })}\n`);
    process.stdout.write(`${summarize(shelf)}\n`);
    failed ||= shelf.problems.some((p) => p.severity === 'error');
  }
  return failed;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `knowledge:check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`,
    );
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
