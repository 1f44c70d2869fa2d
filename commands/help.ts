import { ANYWHERE } from './reach.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { commandSummary, MESSAGES } from '../src/messages.js';
import type { Command } from './command.js';

export const help = {
  data: { name: 'help', description: 'How to use Footnote', type: ApplicationCommandType.ChatInput, ...ANYWHERE },
  consoleName: 'help',
  summary: 'Show the commands.',
  usage: '/help',
  ephemeral: true,

  execute(_input, { commands }) {
    return {
      kind: 'notice',
      tone: 'info',
      title: MESSAGES.helpTitle,
      text: MESSAGES.helpIntro,
      fields: commands.map((c) => ({ name: c.usage, value: commandSummary(c) })),
    };
  },
} as const satisfies Command;
