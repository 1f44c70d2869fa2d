import { ANYWHERE } from './reach.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { plainText, summarizeArticles } from '../src/core/reply.js';
import { formatDate } from '../src/i18n/format.js';
import { MESSAGES } from '../src/messages.js';
import type { Command } from './command.js';

export const sources = {
  data: {
    name: 'sources',
    description: 'List the articles Footnote answers from',
    type: ApplicationCommandType.ChatInput,
    ...ANYWHERE,
  },
  consoleName: 'sources',
  summary: 'List the articles in the library, with their passage counts.',
  usage: '/sources',

  execute(_input, { kb }) {
    const articles = summarizeArticles(kb);
    const passages = articles.reduce((sum, a) => sum + a.passages, 0);
    return {
      kind: 'list',
      title: MESSAGES.sourcesTitle,
      intro: MESSAGES.sourcesIntro(articles.length, passages),
      emptyText: MESSAGES.noArticles,
      items: articles.map((a) => ({
        label: a.title,
        text: plainText(
          [a.author, a.published && formatDate(a.published), MESSAGES.passagesCount(a.passages), `id: ${a.slug}`]
            .filter(Boolean)
            .join(' · '),
        ),
      })),
    };
  },
} as const satisfies Command;
