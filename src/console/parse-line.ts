import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Command, CommandInput, OptionValue } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';
import { MESSAGES } from '../messages.js';

export type ParsedLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'command'; readonly command: Command; readonly input: CommandInput }
  | { readonly kind: 'error'; readonly message: string };

/** Words, with "double quotes" keeping spaces together: `about:"Xi Jinping"`. */
function splitWords(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*"?)+/g)].map((m) => m[0]);
}

function unquote(text: string): string {
  return text.replace(/"/g, '');
}

/**
 * Reads a console line as the Discord command it stands for: `/timeline from:2020 about:Xi`, `/ask how much…`,
 * or a bare line, which is a question. Option names are the command's own, so nothing is console-only.
 */
export function parseConsoleLine(line: string, commands: readonly Command[]): ParsedLine {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  if (/^\/(quit|exit)$/i.test(text)) return { kind: 'quit' };

  if (!text.startsWith('/')) {
    const ask = findCommand(commands, { console: 'ask' });
    return ask
      ? { kind: 'command', command: ask, input: { options: { question: text } } }
      : { kind: 'error', message: MESSAGES.unknownCommand('ask') };
  }

  const [head = '', ...rest] = text.slice(1).split(/\s+/);
  const command = findCommand(commands, { console: head });
  if (!command) return { kind: 'error', message: MESSAGES.unknownCommand(head) };

  const declared = new Map<string, number | undefined>();
  const words = splitWords(rest.join(' '));
  let subcommand: string | undefined;
  if ('options' in command.data) {
    const topLevel = command.data.options ?? [];
    // A subcommand (type 1) is a bare word, `/settings set mentions:false`; its options are then the ones declared.
    const at = words.findIndex((word) => topLevel.some((o) => o.type === 1 && o.name === word));
    const chosen = topLevel.find((o) => o.type === 1 && o.name === words[at]);
    if (chosen !== undefined) {
      subcommand = words.splice(at, 1)[0];
      for (const option of 'options' in chosen ? (chosen.options ?? []) : []) declared.set(option.name, option.type);
    }
    for (const option of topLevel) if (option.type !== 1) declared.set(option.name, option.type);
  }
  for (const name of command.consoleOptions ?? []) declared.set(name, 3);
  const options: Record<string, OptionValue> = {};
  const loose: string[] = [];
  for (const word of words) {
    const named = /^([a-z][\w-]*):(.*)$/s.exec(word);
    const name = named?.[1];
    if (name !== undefined && declared.has(name)) {
      const value = unquote(named?.[2] ?? '');
      // Booleans as Discord would send them.
      options[name] =
        declared.get(name) === ApplicationCommandOptionType.Boolean ? /^(true|yes|on|1)$/i.test(value) : value;
    } else loose.push(word);
  }
  if (loose.length > 0) {
    if (command.restOption === undefined)
      return {
        kind: 'error',
        message: `${command.usage}: "${loose.join(' ')}" is not an option of /${command.consoleName}.`,
      };
    options[command.restOption] = loose.join(' ');
  }
  return {
    kind: 'command',
    command,
    input: { options, invoker: { kind: 'console' }, ...(subcommand !== undefined ? { subcommand } : {}) },
  };
}
