import type { Command } from './command.js';
import { ask } from './ask.js';
import { findSources } from './find-sources.js';
import { gaps } from './gaps.js';
import { help } from './help.js';
import { investment } from './investment.js';
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
  privacy,
];

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * Checks the registry's shape at start-up, as discord.js's template does: a malformed command fails here, with
 * its name, not later inside Discord's 50035 "Invalid Form Body".
 */
export function validateCommands(commands: readonly Command[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const command of commands) {
    const { data } = command;
    const isChat = data.type === undefined || data.type === 1;
    if (isChat && (!COMMAND_NAME.test(data.name) || data.name !== data.name.toLowerCase()))
      errors.push(`command name "${data.name}" is not a valid slash command name`);
    if (!isChat && (data.name.length < 1 || data.name.length > 32))
      errors.push(`context menu name "${data.name}" must be 1 to 32 characters`);
    if (seen.has(`${data.type}:${data.name}`)) errors.push(`command "${data.name}" is defined twice`);
    seen.add(`${data.type}:${data.name}`);
    if ('description' in data && (data.description.length < 1 || data.description.length > 100))
      errors.push(`command "${data.name}": description must be 1 to 100 characters`);
    const options = 'options' in data ? (data.options ?? []) : [];
    if (options.length > 25) errors.push(`command "${data.name}" has more than 25 options`);
    for (const option of options) {
      if (!COMMAND_NAME.test(option.name) || option.name !== option.name.toLowerCase())
        errors.push(`command "${data.name}": option name "${option.name}" is not valid`);
      if (option.description.length < 1 || option.description.length > 100)
        errors.push(`command "${data.name}": option "${option.name}" description must be 1 to 100 characters`);
    }
    if (JSON.stringify(data).length > 8_000) errors.push(`command "${data.name}" is over 8,000 characters`);
  }
  return errors;
}

export function findConsoleCommand(commands: readonly Command[], name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.consoleName === wanted);
}
