import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The shared reference set sits beside the main checkout (`../shared`); a git worktree kept in a folder beside it
 * (`../wt/<name>`) finds it one level further up.
 */
export const SHARED_SET = [
  path.resolve(REPO_ROOT, '../shared/eval/questions.dev.json'),
  path.resolve(REPO_ROOT, '../../shared/eval/questions.dev.json'),
].find((file) => existsSync(file));
/**
 * The sets one run reports: the project's own set and the shared reference set (when it is checked out beside the
 * repository) over the library, and the second set over its own articles. `knowledge` undefined: the library
 * (`--knowledge`, else KNOWLEDGE_DIR).
 */
export const DEFAULT_SETS: readonly { readonly file: string; readonly knowledge?: string }[] = [
  { file: path.join(REPO_ROOT, 'tests/questions.json') },
  ...(SHARED_SET !== undefined ? [{ file: SHARED_SET }] : []),
  {
    file: path.join(REPO_ROOT, 'tests/fixtures/eval/questions.json'),
    knowledge: path.join(REPO_ROOT, 'tests/fixtures/eval/articles'),
  },
];

/** The second set: questions written the way people ask, about articles of other kinds than the seed. */
export const SECOND_SET = DEFAULT_SETS.at(-1)!;
