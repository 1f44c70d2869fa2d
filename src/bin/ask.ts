import { COMMANDS } from '../../commands/index.js';
import { describeProblem } from '../app/knowledge.js';
import { runCommand } from '../app/run-command.js';
import { ConfigError, loadConfig, loadDotenv } from '../config.js';
import { KnowledgeBase } from '../core/knowledge-base.js';
import { createLogger } from '../log.js';
import { parseConsoleLine } from '../console/parse-line.js';
import { renderJson } from '../json/render.js';
import { renderTerminal } from '../console/render.js';

const USAGE = `Usage: npm run ask -- [--json] "question"  |  npm run ask -- [--json] "/timeline from:2020"`;

/** Answers one question (or one console command) and exits: for scripts and quick checks. */
async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const words = argv.filter((a) => a !== '--json');
  if (words.length === 0 || words.includes('--help') || words.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return words.length === 0 ? 2 : 0;
  }
  loadDotenv();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const kb = await KnowledgeBase.load(config.knowledgeDir);
  for (const problem of kb.library.problems) if (problem.severity === 'error') logger.warn(describeProblem(problem));

  const parsed = parseConsoleLine(words.join(' '), COMMANDS);
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  if (parsed.kind !== 'command') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const reply = await runCommand(parsed.command, parsed.input, { kb, commands: COMMANDS }, logger, { user: 'cli' });
  if (json)
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `ask failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    process.exitCode = 1;
  },
);
