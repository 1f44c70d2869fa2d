import path from 'node:path';
import { loadConfig, loadDotenv } from '../config.js';
import { isGuildId } from '../core/knowledge/shelves.js';
import { type AddedArticle, addArticleFromFile, addArticleFromLink, looksLikeLink } from '../ingest/add-article.js';
import { describeIngestFailure } from '../ingest/outcomes.js';
import { MESSAGES } from '../messages.js';
import { readFlagsAndArguments, runMain, UsageError } from './cli-shared.js';

const USAGE = 'Usage: npm run knowledge:add -- <url|file> [--server GUILD_ID]';

/** What a person checks after adding: title, author, date, how many passages, and the first of them. */
export function describeAdded(added: AddedArticle, cwd: string): string {
  const { meta, passages } = added.article;
  const lines = [
    (added.refreshed ? MESSAGES.ingest.refreshed : MESSAGES.ingest.added)(meta.title, passages.length),
    `  author:    ${meta.author ?? '—'}`,
    `  published: ${meta.published ?? '—'}`,
    `  file:      ${path.relative(cwd, added.path)}`,
  ];
  const first = passages[0];
  if (first !== undefined) lines.push('', `  ¶1 ${first.text}`);
  return lines.join('\n');
}

/** Adds one article by link or file to the shared library or a server's shelf. Exit 0 added, 1 refused, 2 usage. */
async function main(): Promise<number> {
  const read = readFlagsAndArguments(process.argv.slice(2), { server: { type: 'string' } }, USAGE);
  if (read === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [input, ...rest] = read.positionals;
  if (input === undefined || rest.length > 0) throw new UsageError(USAGE);
  const server = read.flags.server;
  if (typeof server === 'string' && !isGuildId(server))
    throw new UsageError(`${MESSAGES.ingest.badServer(server)}\n${USAGE}`);

  loadDotenv();
  const config = loadConfig();
  const target = { knowledgeDir: config.knowledgeDir, ...(typeof server === 'string' ? { server } : {}) };
  const options = { allowPrivate: config.ingestAllowPrivate };
  const outcome = looksLikeLink(input)
    ? await addArticleFromLink(input, target, options)
    : await addArticleFromFile(path.resolve(input), target, options);
  if (outcome.kind !== 'added') {
    process.stderr.write(`${describeIngestFailure(outcome)}\n`);
    return 1;
  }
  process.stdout.write(`${describeAdded(outcome, process.cwd())}\n`);
  return 0;
}

runMain(main, { failure: 'knowledge:add failed' });
