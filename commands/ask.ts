import { ANYWHERE } from './reach.js';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { truncate } from '../src/core/format.js';
import { previewHit } from '../src/core/preview.js';
import { answerQuestion, answerWithPassage } from '../src/core/reply.js';
import { LIMITS } from '../src/discord/limits.js';
import type { Choice, Command } from './command.js';
import { stringOption } from './command.js';
import { articleChoices, isNotice, MAX_CHOICES, resolveArticleOption } from './shared.js';

/** Longest question accepted: far above any real question, well below Discord's 6,000 limit. */
export const MAX_QUESTION_LENGTH = 1_000;

/**
 * A picked autocomplete preview is sent as `p:<passage id>|<what was typed>`, so the chosen passage comes first
 * and the words typed still drive the highlighting. Anything else is a question as typed.
 */
const PASSAGE_REF = /^p:([^|\s]+#\d+)\|(.*)$/s;

export function encodePassageChoice(passageId: string, query: string): string {
  return `p:${passageId}|${query}`.slice(0, LIMITS.choiceValue);
}

export const ask = {
  data: {
    name: 'ask',
    description: 'Ask a question; get verbatim excerpts with their citations',
    type: ApplicationCommandType.ChatInput,
    ...ANYWHERE,
    options: [
      {
        name: 'question',
        description: 'What you want to know',
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: MAX_QUESTION_LENGTH,
      },
      {
        name: 'article',
        description: 'Only search this article',
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
      },
      {
        name: 'private',
        description: 'Only you see the answer (you can post it later)',
        type: ApplicationCommandOptionType.Boolean,
      },
    ],
  },
  consoleName: 'ask',
  summary: 'Ask a question; the answer is a verbatim excerpt with its citation.',
  usage: '/ask <question> [article:<slug>]',
  restOption: 'question',

  execute(input, { kb }) {
    const article = resolveArticleOption(kb, input);
    if (isNotice(article)) return article;
    const question = stringOption(input, 'question') ?? '';
    const scope = article ? { article: article.slug } : {};
    const ref = PASSAGE_REF.exec(question);
    if (ref?.[1] !== undefined) return answerWithPassage(kb, ref[1], ref[2] ?? '', scope);
    return answerQuestion(kb, question, input.context ? { ...scope, context: input.context } : scope);
  },

  autocomplete(focused, input, { kb }) {
    if (focused.name === 'article') return articleChoices(kb, focused.value);
    const typed = focused.value.trim();
    if (typed === '') return [];
    const article = kb.resolveArticle(stringOption(input, 'article') ?? '');
    const outcome = kb.index.search(typed, {
      limit: MAX_CHOICES,
      prefixLast: true,
      rerank: false,
      ...(article ? { article: article.slug } : {}),
    });
    const choices: Choice[] = [];
    // What was typed comes first, so pressing Enter asks exactly that.
    if (typed.length <= LIMITS.choiceValue)
      choices.push({ name: truncate(`Ask: ${typed}`, LIMITS.choiceName), value: typed });
    if (outcome.kind === 'answer' || outcome.kind === 'weak') {
      for (const hit of outcome.hits) {
        if (choices.length >= MAX_CHOICES) break;
        choices.push({ name: previewHit(hit, LIMITS.choiceName), value: encodePassageChoice(hit.passage.id, typed) });
      }
    }
    return choices;
  },
} as const satisfies Command;
