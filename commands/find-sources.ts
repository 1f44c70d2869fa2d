import { ANYWHERE } from './reach.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { answerQuestion } from '../src/core/reply.js';
import { MESSAGES } from '../src/messages.js';
import type { Command } from './command.js';

/** The message context-menu command: cited excerpts for the text of someone's message. */
export const findSources = {
  data: { name: 'Find sources', type: ApplicationCommandType.Message, ...ANYWHERE },
  consoleName: 'find-sources',
  summary: 'Find cited excerpts for a message’s text (in Discord: right-click a message › Apps › Find sources).',
  usage: '/find-sources <text of a message>',
  restOption: 'text',

  execute(input, { kb }) {
    const content = input.target?.content ?? String(input.options.text ?? '');
    if (content.trim() === '') return { kind: 'notice', tone: 'warning', text: MESSAGES.findSourcesEmpty };
    const answer = answerQuestion(kb, content);
    if (!input.target) return answer;
    return {
      ...answer,
      about: { label: input.target.label, ...(input.target.url !== undefined ? { url: input.target.url } : {}) },
    };
  },
} as const satisfies Command;
