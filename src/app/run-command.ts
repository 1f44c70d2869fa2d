import type { Command, CommandContext, CommandInput } from '../../commands/command.js';
import type { Reply } from '../core/reply.js';
import type { Logger } from '../log.js';
import { MESSAGES } from '../messages.js';

/**
 * Runs a command inside the boundary every face shares: an unexpected error is logged with the command and
 * who asked, and the person gets a short message instead of a stack trace.
 */
export async function runCommand(
  command: Command,
  input: CommandInput,
  context: CommandContext,
  logger: Logger,
  who: Record<string, unknown> = {},
): Promise<Reply> {
  try {
    return await command.execute(input, context);
  } catch (error) {
    logger.error({ err: error, command: command.consoleName, ...who }, 'command failed');
    return { kind: 'notice', tone: 'error', text: MESSAGES.commandFailed };
  }
}
