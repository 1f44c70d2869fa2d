import path from 'node:path';
import { readLibrary } from '../app/knowledge.js';
import { loadConfig, loadDotenv } from '../config.js';
import { describeIssue } from '../messages.js';
import type { Library, Problem } from '../core/knowledge/load.js';
import { SHELVES_DIR, isGuildId, listShelves } from '../core/knowledge/shelves.js';
import { readArgs, runMain, UsageError } from './cli-shared.js';

const USAGE = 'Usage: npm run knowledge:check [-- DIR]';

/** `file:line: severity: message`, the form editors and CI logs turn into links. */
function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.severity}: ${describeIssue(problem.issue)}`;
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
async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2), {}, USAGE, { positionals: true });
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError(USAGE);
  let dir: string;
  if (args.positionals[0] !== undefined) dir = path.resolve(args.positionals[0]);
  else {
    loadDotenv();
    dir = loadConfig().knowledgeDir;
  }

  const library = await readLibrary(dir, (problem) => process.stdout.write(`${formatProblem(problem)}\n`));
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
    const shelf = await readLibrary(path.join(dir, SHELVES_DIR, name), (problem) =>
      process.stdout.write(`${formatProblem({ ...problem, file: `${prefix}${problem.file}` })}\n`),
    );
    process.stdout.write(`${summarize(shelf)}\n`);
    failed ||= shelf.problems.some((p) => p.severity === 'error');
  }
  return failed;
}

runMain(main, { failure: 'knowledge:check failed' });
