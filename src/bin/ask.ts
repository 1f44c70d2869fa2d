import { COMMANDS } from '../../commands/index.js';
import { loadKnowledge, logProblem } from '../app/knowledge.js';
import { LibraryHolder } from '../app/library-holder.js';
import { runCommand } from '../app/run-command.js';
import { loadConfig, loadDotenv } from '../config.js';
import { createLogger } from '../log.js';
import { parseConsoleLine } from '../console/parse-line.js';
import { renderJson } from '../json/render.js';
import { renderTerminal } from '../console/render.js';
import { inConsoleLanguage, readArgs, runMain, serverFlag, UsageError } from './cli-shared.js';

const USAGE = `Usage: npm run ask -- [--json] [--server ID] [--locale ru] "question"  |  npm run ask -- [--json] "/timeline from:2020"   (--locale or LANG: the language of its sentences)`;

/** Answers one question (or one console command) and exits: for scripts and quick checks. */
async function main(): Promise<number> {
  const args = readArgs(
    process.argv.slice(2),
    { json: { type: 'boolean' }, server: { type: 'string' }, locale: { type: 'string' } },
    USAGE,
    { positionals: true },
  );
  if (args === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length === 0) throw new UsageError(USAGE);
  const server = serverFlag(args.flags.server, USAGE);
  loadDotenv();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const shared = await loadKnowledge(config.knowledgeDir, logger);
  let kb = shared;
  if (server !== undefined) {
    const holder = new LibraryHolder(config.knowledgeDir, shared);
    for (const problem of (await holder.reloadShelf(server)).problems) logProblem(logger)(problem);
    kb = holder.forServer(server);
  }

  // As the console: --locale, else LANG; the reply is drawn in the language it was written in.
  return inConsoleLanguage(args.flags.locale, config, async () => {
    const parsed = parseConsoleLine(args.positionals.join(' '), COMMANDS);
    if (parsed.kind === 'error') throw new UsageError(parsed.message);
    if (parsed.kind !== 'command') throw new UsageError(USAGE);
    const reply = await runCommand(parsed.command, parsed.input, { kb, commands: COMMANDS }, logger, { user: 'cli' });
    if (args.flags.json === true)
      process.stdout.write(
        `${JSON.stringify(
          renderJson(reply, (id) => kb.passage(id)?.text),
          null,
          2,
        )}\n`,
      );
    else process.stdout.write(`${renderTerminal(reply, { color: Boolean(process.stdout.isTTY) })}\n`);
    return reply.kind === 'notice' && reply.tone === 'error' ? 1 : 0;
  });
}

runMain(main, { failure: 'ask failed' });
