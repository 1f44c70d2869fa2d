import { ANYWHERE } from './reach.js';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { citePassage } from '../src/core/citation.js';
import { truncate } from '../src/core/format.js';
import {
  type DateBound,
  type DateBoundError,
  entityTimeline,
  type EventFilter,
  filterEvents,
  parseDateBound,
  type TimelineEvent,
} from '../src/core/facts/index.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { normalizeText } from '../src/core/normalize.js';
import { eventFact, factLine, type ListItem, type ListReply, type NoticeReply } from '../src/core/reply.js';
import { LIMITS } from '../src/discord/limits.js';
import { formatDate } from '../src/i18n/format.js';
import { MESSAGES } from '../src/messages.js';
import { type Command, type CommandInput, stringOption } from './command.js';
import { ARTICLE_OPTION, articleChoices, isNotice, MAX_CHOICES, resolveArticleOption } from './shared.js';

/** Citations of other reports shown under one event; more would crowd the page out. */
const MAX_ALSO_CITED = 3;

function readBound(input: CommandInput, name: 'from' | 'to'): DateBound | undefined | { error: DateBoundError } {
  const text = stringOption(input, name);
  return text === undefined ? undefined : parseDateBound(text);
}

function isError(value: unknown): value is { error: DateBoundError } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Orders two bounds by their first day, whatever their precision. */
function firstDay(bound: DateBound): number {
  return Date.UTC(bound.year, (bound.month ?? 1) - 1, bound.day ?? 1);
}

function markerOf(event: TimelineEvent): string {
  if (event.date.resolvedFrom === 'report') return MESSAGES.reportDayMarker;
  return event.date.inferred ? MESSAGES.inferredMarker : '';
}

export function eventItem(kb: KnowledgeBase, event: TimelineEvent): ListItem {
  const alsoCited = (event.alsoReported ?? []).slice(0, MAX_ALSO_CITED).flatMap((source) => {
    const other = kb.passage(source.passageId);
    return other ? [citePassage(kb.articleOf(other), other, source.text)] : [];
  });
  return {
    ...factLine(kb, {
      label: `${formatDate(event.date)}${markerOf(event)}`,
      passageId: event.passageId,
      text: event.text,
    }),
    ...(alsoCited.length > 0 ? { alsoCited } : {}),
  };
}

/** The legend of the markers the listed events carry. */
function legendOf(events: readonly TimelineEvent[]): string | undefined {
  const lines = [
    ...(events.some((e) => e.date.inferred && e.date.resolvedFrom !== 'report')
      ? [`${MESSAGES.inferredMarker} ${MESSAGES.inferredDate}`]
      : []),
    ...(events.some((e) => e.date.resolvedFrom === 'report')
      ? [`${MESSAGES.reportDayMarker} ${MESSAGES.reportDay}`]
      : []),
  ];
  return lines.length > 0 ? lines.join('\n') : undefined;
}

export const timeline = {
  data: {
    name: 'timeline',
    description: 'Dated events from the articles, in order, each with its citation',
    type: ApplicationCommandType.ChatInput,
    ...ANYWHERE,
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
        description: 'Only events about this name (a company, a person, a country), under any of its names',
        type: ApplicationCommandOptionType.String,
        max_length: 40,
        autocomplete: true,
      },
    ],
  },
  consoleName: 'timeline',
  summary: 'Dated events in order, each with its citation; filter by from, to, article and about.',
  usage: '/timeline [from:2020] [to:2022] [article:<slug>] [about:Xi]',

  async execute(input, { kb }): Promise<ListReply | NoticeReply> {
    const article = resolveArticleOption(kb, input);
    if (isNotice(article)) return article;
    const from = readBound(input, 'from');
    const to = readBound(input, 'to');
    if (isError(from)) return { kind: 'notice', tone: 'warning', text: `from: ${MESSAGES.dateBound(from.error)}` };
    if (isError(to)) return { kind: 'notice', tone: 'warning', text: `to: ${MESSAGES.dateBound(to.error)}` };
    if (from && to && firstDay(from) > firstDay(to))
      return { kind: 'notice', tone: 'warning', text: MESSAGES.rangeReversed(formatDate(from), formatDate(to)) };
    const about = stringOption(input, 'about');
    const filter: EventFilter = {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(article ? { article: article.slug } : {}),
    };
    // An entity's timeline also holds what reports say of it without a date, and each event once.
    const facts = await kb.facts();
    const events =
      about !== undefined
        ? entityTimeline(kb.library, facts.events, { ...filter, about }, facts.lexicon)
        : filterEvents(facts.events, filter);
    const intro = legendOf(events);
    return {
      kind: 'list',
      title: MESSAGES.timelineTitle,
      ...(intro !== undefined ? { intro } : {}),
      items: events.map((e) => eventItem(kb, e)),
      emptyText: MESSAGES.timelineEmpty,
      facts: { events: events.map(eventFact) },
    };
  },

  autocomplete(focused, _input, { kb }) {
    if (focused.name === 'about') return nameChoices(kb, focused.value);
    return focused.name === 'article' ? articleChoices(kb, focused.value) : [];
  },
} as const satisfies Command;

/**
 * Choices for `about`: the names the library holds that contain every word typed, most written first. Both
 * "Arkon" and "Arkon Model 3" are offered, since they are different things.
 */
export function nameChoices(kb: KnowledgeBase, typed: string): { name: string; value: string }[] {
  const words = normalizeText(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  // Autocomplete cannot wait: while a large library's names are still being read, there is nothing to offer yet.
  const lexicon = kb.factsIfRead?.lexicon;
  if (lexicon === undefined) {
    void kb.facts();
    return [];
  }
  return (
    lexicon.names
      .filter(({ name }) => {
        const folded = normalizeText(name);
        return words.every((w) => folded.includes(w));
      })
      // A name longer than a choice's value could only be offered cut, which would filter by another name.
      .filter(({ name }) => name.length <= LIMITS.choiceValue)
      .slice(0, MAX_CHOICES)
      .map(({ name }) => ({ name: truncate(name, LIMITS.choiceName), value: name }))
  );
}
