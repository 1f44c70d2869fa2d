import { ApplicationCommandType } from 'discord-api-types/v10';
import { LIMITS } from '../src/discord/limits.js';
import type { Command } from './command.js';
import { ask } from './ask.js';
import { findSources } from './find-sources.js';
import { gaps } from './gaps.js';
import { help } from './help.js';
import { investment } from './investment.js';
import { library } from './library.js';
import { privacy } from './privacy.js';
import { settings } from './settings.js';
import { sources } from './sources.js';
import { timeline } from './timeline.js';

/**
 * The one list of commands. The Discord bot, the console, `deploy-commands` and the tests all read it, so a
 * command added here exists everywhere at once.
 */
export const COMMANDS: readonly Command[] = [
  ask,
  timeline,
  investment,
  sources,
  help,
  findSources,
  settings,
  gaps,
  library,
  privacy,
];

const COMMAND_NAME = new RegExp(`^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,${LIMITS.commandName}}$`, 'u');

/**
 * Checks the registry's shape at start-up, as discord.js's template does: a malformed command fails here, with
 * its name, not later inside Discord's 50035 "Invalid Form Body".
 */
export function validateCommands(commands: readonly Command[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const command of commands) {
    const { data } = command;
    const isChat = data.type === undefined || data.type === ApplicationCommandType.ChatInput;
    if (isChat && (!COMMAND_NAME.test(data.name) || data.name !== data.name.toLowerCase()))
      errors.push(`command name "${data.name}" is not a valid slash command name`);
    if (!isChat && (data.name.length < 1 || data.name.length > LIMITS.commandName))
      errors.push(`context menu name "${data.name}" must be 1 to ${LIMITS.commandName} characters`);
    if (seen.has(`${data.type}:${data.name}`)) errors.push(`command "${data.name}" is defined twice`);
    seen.add(`${data.type}:${data.name}`);
    if ('description' in data && (data.description.length < 1 || data.description.length > LIMITS.commandDescription))
      errors.push(`command "${data.name}": description must be 1 to ${LIMITS.commandDescription} characters`);
    const options = 'options' in data ? (data.options ?? []) : [];
    if (options.length > LIMITS.commandOptions)
      errors.push(`command "${data.name}" has more than ${LIMITS.commandOptions} options`);
    for (const option of options) {
      if (!COMMAND_NAME.test(option.name) || option.name !== option.name.toLowerCase())
        errors.push(`command "${data.name}": option name "${option.name}" is not valid`);
      if (option.description.length < 1 || option.description.length > LIMITS.commandDescription)
        errors.push(
          `command "${data.name}": option "${option.name}" description must be 1 to ${LIMITS.commandDescription} characters`,
        );
    }
    if (JSON.stringify(data).length > LIMITS.commandTotal)
      errors.push(`command "${data.name}" is over ${LIMITS.commandTotal.toLocaleString('en-US')} characters`);
  }
  return errors;
}

/**
 * The one way a command is found: by the name Discord sends with its type (a slash command and a message menu may
 * share a name), or by the name typed in the console (case-insensitive).
 */
export function findCommand(
  commands: readonly Command[],
  wanted: { readonly discord: string; readonly type: ApplicationCommandType } | { readonly console: string },
): Command | undefined {
  if ('console' in wanted) {
    const name = wanted.console.toLowerCase();
    return commands.find((c) => c.consoleName === name);
  }
  return commands.find(
    (c) => c.data.name === wanted.discord && (c.data.type ?? ApplicationCommandType.ChatInput) === wanted.type,
  );
}
