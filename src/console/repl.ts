import readline from 'node:readline';
import type { Command, CommandContext } from '../../commands/command.js';
import { runCommand } from '../app/run-command.js';
import type { Logger } from '../log.js';
import { MESSAGES } from '../messages.js';
import { renderTerminal } from './render.js';
import { parseConsoleLine } from './parse-line.js';

export interface ConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly context: CommandContext;
  readonly commands: readonly Command[];
  readonly logger: Logger;
  /** Console-only commands that take no options (`/reload`), answered with a line of text before the registry is asked. */
  readonly localCommands?: Readonly<Record<string, () => Promise<string>>>;
}

/**
 * The terminal face: the same commands as in Discord, typed as `/name option:value`, or a bare question.
 * Resolves when the person leaves (`/quit`, Ctrl-D, or the end of piped input).
 */
export async function runConsole({
  input,
  output,
  context,
  commands,
  logger,
  localCommands,
}: ConsoleOptions): Promise<void> {
  const interactive = Boolean(output.isTTY);
  const style = { color: interactive };
  const passages = context.kb.index.size;
  output.write(`${MESSAGES.consoleBanner(context.kb.articles.length, passages)}\n\n`);

  const rl = readline.createInterface({ input, output, terminal: interactive, prompt: 'footnote> ' });
  const prompt = (): void => {
    if (interactive) rl.prompt();
  };
  prompt();
  // Lines are answered one at a time, in order, even when piped in faster than they are answered.
  let queue = Promise.resolve();
  let quitting = false;
  await new Promise<void>((resolve) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        if (quitting) return;
        const local = localCommands?.[line.trim().toLowerCase()];
        if (local !== undefined) {
          output.write(`${await local()}\n\n`);
          prompt();
          return;
        }
        const parsed = parseConsoleLine(line, commands);
        if (parsed.kind === 'quit') {
          quitting = true;
          rl.close();
          return;
        }
        if (parsed.kind === 'error') output.write(`${parsed.message}\n`);
        if (parsed.kind === 'command') {
          const reply = await runCommand(parsed.command, parsed.input, context, logger, { user: 'console' });
          output.write(`${renderTerminal(reply, style)}\n`);
        }
        if (parsed.kind !== 'blank') output.write('\n');
        prompt();
      });
    });
    rl.on('close', () => {
      void queue.then(() => {
        output.write(`${interactive ? '\n' : ''}${MESSAGES.consoleBye}\n`);
        resolve();
      });
    });
  });
}
