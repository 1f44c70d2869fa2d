import { COMMANDS } from '../../commands/index.js';
import { loadKnowledge } from '../app/knowledge.js';
import { runCommand } from '../app/run-command.js';
import { loadConfig, loadDotenv } from '../config.js';
import { createLogger } from '../log.js';
import { parseConsoleLine } from '../console/parse-line.js';
import { renderJson } from '../json/render.js';
import { renderTerminal } from '../console/render.js';
import { readArgs, runMain, UsageError } from './cli-shared.js';

const USAGE = `Usage: npm run ask -- [--json] "question"  |  npm run ask -- [--json] "/timeline from:2020"`;

/** Answers one question (or one console command) and exits: for scripts and quick checks. */
async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2), { json: { type: 'boolean' } }, USAGE, { positionals: true });
  if (args === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length === 0) throw new UsageError(USAGE);
  loadDotenv();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const kb = await loadKnowledge(config.knowledgeDir, logger);

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
}

runMain(main, { failure: 'ask failed' });
