import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { truncate } from '../src/core/format.js';
import type { Article } from '../src/core/types.js';
import { LIMITS } from '../src/discord/limits.js';
import { MESSAGES } from '../src/messages.js';
import type { NoticeReply } from '../src/core/reply.js';
import { type Choice, type CommandInput, stringOption } from './command.js';

/** The `article` option of the commands that read one article or all: autocompleted from the library. */
export const ARTICLE_OPTION = {
  name: 'article',
  description: 'Only this article',
  type: ApplicationCommandOptionType.String,
  autocomplete: true,
} as const;

/** How many autocomplete choices Discord shows, under the name the commands use for it. */
export const MAX_CHOICES = LIMITS.choices;

/** Choices for an `article` option: the articles whose title, slug or author hold what was typed. */
export function articleChoices(kb: KnowledgeBase, typed: string): Choice[] {
  return kb
    .matchArticles(typed)
    .slice(0, MAX_CHOICES)
    .map((a) => ({
      name: truncate(a.meta.author ? `${a.meta.title} — ${a.meta.author}` : a.meta.title, LIMITS.choiceName),
      value: a.slug.slice(0, LIMITS.choiceValue),
    }));
}

/** The article an `article` option names, nothing if it is empty, or the notice to show if it names none. */
export function resolveArticleOption(kb: KnowledgeBase, input: CommandInput): Article | undefined | NoticeReply {
  const text = stringOption(input, 'article');
  if (text === undefined) return undefined;
  return kb.resolveArticle(text) ?? { kind: 'notice', tone: 'warning', text: MESSAGES.unknownArticle(text) };
}

export function isNotice(value: unknown): value is NoticeReply {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'notice';
}
