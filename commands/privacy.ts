import { ANYWHERE } from './reach.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { STORE_MESSAGES } from '../src/messages.js';
import type { Command } from './command.js';

const DEFAULT_RETENTION_DAYS = 90;

export const privacy = {
  data: {
    name: 'privacy',
    description: 'What Footnote keeps about your questions, and for how long',
    type: ApplicationCommandType.ChatInput,
    ...ANYWHERE,
  },
  consoleName: 'privacy',
  summary: 'What Footnote keeps, for how long, and how to turn it off.',
  usage: '/privacy',
  ephemeral: true,

  execute(_input, context) {
    return {
      kind: 'notice',
      tone: 'info',
      title: STORE_MESSAGES.privacyTitle,
      text: STORE_MESSAGES.privacy(context.retentionDays ?? DEFAULT_RETENTION_DAYS),
    };
  },
} as const satisfies Command;
