import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { type DateBound, filterEvents, parseDateBound, type TimelineEvent } from '../src/core/facts/index.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { eventFact, factLine, type ListItem, type ListReply, type NoticeReply } from '../src/core/reply.js';
import { MESSAGES } from '../src/messages.js';
import { type Command, type CommandInput, stringOption } from './command.js';
import { ARTICLE_OPTION, articleChoices, isNotice, resolveArticleOption } from './shared.js';

function readBound(input: CommandInput, name: 'from' | 'to'): DateBound | undefined | { error: string } {
  const text = stringOption(input, name);
  return text === undefined ? undefined : parseDateBound(text);
}

function isError(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Orders two bounds by their first day, whatever their precision. */
function firstDay(bound: DateBound): number {
  return Date.UTC(bound.year, (bound.month ?? 1) - 1, bound.day ?? 1);
}

export function eventItem(kb: KnowledgeBase, event: TimelineEvent): ListItem {
  return factLine(kb, {
    label: event.date.inferred ? `${event.date.label}${MESSAGES.inferredMarker}` : event.date.label,
    passageId: event.passageId,
    text: event.text,
  });
}

export const timeline = {
  data: {
    name: 'timeline',
    description: 'Dated events from the articles, in order, each with its citation',
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        name: 'from',
        description: 'Earliest date: a year (2020), a month (2022-02) or a day',
        type: ApplicationCommandOptionType.String,
        max_length: 40,
      },
      {
        name: 'to',
        description: 'Latest date: a year, a month or a day',
        type: ApplicationCommandOptionType.String,
        max_length: 40,
      },
      ARTICLE_OPTION,
      {
        name: 'about',
        description: 'Only events that mention this word or name',
        type: ApplicationCommandOptionType.String,
        max_length: 40,
      },
    ],
  },
  consoleName: 'timeline',
  summary: 'Dated events in order, each with its citation; filter by from, to, article and about.',
  usage: '/timeline [from:2020] [to:2022] [article:<slug>] [about:Xi]',

  execute(input, { kb }): ListReply | NoticeReply {
    const article = resolveArticleOption(kb, input);
    if (isNotice(article)) return article;
    const from = readBound(input, 'from');
    const to = readBound(input, 'to');
    if (isError(from)) return { kind: 'notice', tone: 'warning', text: `from: ${from.error}` };
    if (isError(to)) return { kind: 'notice', tone: 'warning', text: `to: ${to.error}` };
    if (from && to && firstDay(from) > firstDay(to))
      return { kind: 'notice', tone: 'warning', text: MESSAGES.rangeReversed(from.label, to.label) };
    const about = stringOption(input, 'about');
    const events = filterEvents(kb.events, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(about !== undefined ? { about } : {}),
      ...(article ? { article: article.slug } : {}),
    });
    const inferred = events.some((e) => e.date.inferred);
    return {
      kind: 'list',
      title: MESSAGES.timelineTitle,
      ...(inferred ? { intro: `${MESSAGES.inferredMarker} ${MESSAGES.inferredDate}` } : {}),
      items: events.map((e) => eventItem(kb, e)),
      emptyText: MESSAGES.timelineEmpty,
      facts: { events: events.map(eventFact) },
    };
  },

  autocomplete(focused, _input, { kb }) {
    return focused.name === 'article' ? articleChoices(kb, focused.value) : [];
  },
} as const satisfies Command;
