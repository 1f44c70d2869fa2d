import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord-api-types/v10';
import { escapeMarkdown } from 'discord.js';
import { applyHighlights, formatCitation, truncate } from '../core/format.js';
import type { AnswerReply, HighlightedText, ListReply, NoticeReply, Reply, ResultCard } from '../core/reply.js';
import { MESSAGES } from '../messages.js';
import { type ButtonState, encodeButton } from './custom-id.js';
import { LIMITS, type MessagePayload } from './limits.js';

/**
 * Draws the reply model as Discord messages. Pure: every text is cut to its limit here, so a payload cannot
 * exceed Discord's limits whatever the article or the question holds (tested with generated input).
 */

const COLORS = { answer: 0x5865f2, weak: 0xfaa61a, info: 0x5865f2, warning: 0xfaa61a, error: 0xed4245 } as const;
export const LIST_PAGE_SIZE = 8;

/** Cuts highlighted text to `max` characters before any markup is added, so markup is never cut in half. */
function cutHighlighted(text: HighlightedText, max: number): HighlightedText {
  if (text.text.length <= max) return text;
  const cut = truncate(text.text, max);
  const kept = cut.endsWith('…') ? cut.length - 1 : cut.length;
  return { text: cut, highlights: text.highlights.filter((h) => h.end <= kept) };
}

/** Escaped Markdown with bold highlights, at most `max` characters; escaping can grow text, so it is measured after. */
export function formatHighlighted(text: HighlightedText, max: number): string {
  let budget = max;
  for (let attempt = 0; attempt < 8; attempt++) {
    const out = applyHighlights(cutHighlighted(text, budget), (s) => `**${s}**`, (s) => escapeMarkdown(s));
    if (out.length <= max) return out;
    budget = Math.floor(budget * (max / out.length)) - 8;
  }
  return truncate(escapeMarkdown(text.text), max).slice(0, max);
}

function quoteBlock(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

export interface AnswerView {
  readonly index: number;
  readonly private: boolean;
  readonly version: string;
  readonly keys: readonly string[];
}

function resultEmbed(reply: AnswerReply, card: ResultCard, index: number, total: number): APIEmbed {
  const question = reply.about ? `${MESSAGES.findSourcesAbout}: ${reply.about.label}` : `❓ ${reply.query}`;
  const lead = reply.status === 'weak' ? `${escapeMarkdown(MESSAGES.weakMatch(truncate(reply.query, 200)))}\n\n` : '';
  const budget = LIMITS.embedDescription - lead.length - 200;
  const quote = quoteBlock(formatHighlighted(card.excerpt, budget));
  return {
    color: reply.status === 'weak' ? COLORS.weak : COLORS.answer,
    author: { name: truncate(question.replace(/\s+/g, ' '), LIMITS.authorName), ...(reply.about?.url ? { url: reply.about.url } : {}) },
    title: truncate(card.citation.title, LIMITS.embedTitle),
    ...(card.citation.url ? { url: card.citation.url } : {}),
    description: `${lead}${quote}`.slice(0, LIMITS.embedDescription),
    footer: {
      text: truncate(
        `${formatCitation(card.citation, { title: false })} · ${MESSAGES.confidence[card.confidence]}${total > 1 ? ` · ${MESSAGES.resultOf(index + 1, total)}` : ''}`,
        LIMITS.footer,
      ),
    },
  };
}

function button(label: string, customId: string, options: { disabled?: boolean; style?: ButtonStyle.Primary | ButtonStyle.Secondary } = {}): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: options.style ?? ButtonStyle.Secondary, label: truncate(label, LIMITS.buttonLabel), custom_id: customId, disabled: options.disabled ?? false };
}

function noMatchEmbed(reply: AnswerReply): APIEmbed {
  const header = reply.status === 'empty' ? MESSAGES.emptyQuestion : MESSAGES.noMatch(truncate(reply.query, 300));
  const lines = reply.status === 'empty' ? [] : reply.articles.map((a) => `• ${escapeMarkdown(a.title)}${a.author ? ` — ${escapeMarkdown(a.author)}` : ''}`);
  let description = escapeMarkdown(header);
  for (const line of lines) {
    if (description.length + line.length + 1 > LIMITS.embedDescription - 20) break;
    description += `\n${line}`;
  }
  return { color: COLORS.warning, description };
}

/** An answer, showing result `view.index`, with previous/next, context and (when private) publish buttons. */
export function renderAnswer(reply: AnswerReply, view: AnswerView): MessagePayload {
  const total = reply.results.length;
  const card = reply.results[Math.min(Math.max(view.index, 0), total - 1)];
  if (!card) return { embeds: [noMatchEmbed(reply)], components: [] };
  const index = reply.results.indexOf(card);
  const state = (v: 'result' | 'context' | 'publish', i: number): string =>
    encodeButton({ kind: 'answer', view: v, version: view.version, index: i, keys: view.keys, private: view.private, query: reply.query } satisfies ButtonState);
  const buttons = [
    button('◀ Previous', state('result', index - 1), { disabled: index === 0 }),
    button('Next ▶', state('result', index + 1), { disabled: index >= total - 1 }),
    button('Show context', state('context', index)),
    ...(view.private ? [button('Post publicly', state('publish', index), { style: ButtonStyle.Primary })] : []),
  ];
  return { embeds: [resultEmbed(reply, card, index, total)], components: [{ type: ComponentType.ActionRow, components: buttons }] };
}

/** The paragraphs around a result, the result's own in bold, with a button back to the result. */
export function renderContext(reply: AnswerReply, context: ListReply, view: AnswerView): MessagePayload {
  const payload = renderList(context, 0);
  const back = encodeButton({ kind: 'answer', view: 'result', version: view.version, index: view.index, keys: view.keys, private: view.private, query: reply.query });
  return { ...payload, components: [{ type: ComponentType.ActionRow, components: [button('◀ Back to the result', back)] }] };
}

export interface ListNav {
  readonly version: string;
  readonly command: string;
  readonly options: Readonly<Record<string, string>>;
}

/** A list (timeline, figures, sources, help) one page at a time; page buttons only when there is more than one page. */
export function renderList(reply: ListReply, page: number, nav?: ListNav): MessagePayload {
  const pages = Math.max(1, Math.ceil(reply.items.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const items = reply.items.slice(current * LIST_PAGE_SIZE, (current + 1) * LIST_PAGE_SIZE);
  const perItem = Math.floor((LIMITS.embedDescription - 300) / Math.max(items.length, 1));

  let description = reply.intro ? `${escapeMarkdown(reply.intro)}\n\n` : '';
  if (items.length === 0) description += escapeMarkdown(reply.emptyText);
  for (const item of items) {
    const cite = item.citation ? `\n-# ${escapeMarkdown(formatCitation(item.citation))}` : '';
    const label = `**${escapeMarkdown(truncate(item.label, 100))}**  `;
    const text = formatHighlighted(item.text, Math.max(40, perItem - label.length - cite.length - 4));
    description += `${label}${text}${cite}\n\n`;
  }
  const embeds: APIEmbed[] = [
    {
      color: COLORS.info,
      title: truncate(reply.title, LIMITS.embedTitle),
      description: description.trim().slice(0, LIMITS.embedDescription) || escapeMarkdown(reply.emptyText),
      ...(pages > 1 ? { footer: { text: `Page ${current + 1} of ${pages}` } } : {}),
    },
  ];
  // Passages after the list (the investment passages): one embed each, inside the 6,000 total.
  let total = embeds[0]!.description!.length + (embeds[0]!.title?.length ?? 0) + 40;
  for (const card of current === 0 ? (reply.results ?? []) : []) {
    const quote = quoteBlock(formatHighlighted(card.excerpt, 900));
    const footer = truncate(formatCitation(card.citation), 300);
    if (total + quote.length + footer.length + card.citation.title.length > LIMITS.embedTotal - 100 || embeds.length >= LIMITS.embeds) break;
    total += quote.length + footer.length + card.citation.title.length;
    embeds.push({ color: COLORS.answer, title: truncate(card.citation.title, LIMITS.embedTitle), ...(card.citation.url ? { url: card.citation.url } : {}), description: quote, footer: { text: footer } });
  }
  const components =
    pages > 1 && nav
      ? [
          {
            type: ComponentType.ActionRow as const,
            components: [
              button('◀ Previous page', encodeButton({ kind: 'list', version: nav.version, page: current - 1, command: nav.command, options: nav.options }), { disabled: current === 0 }),
              button('Next page ▶', encodeButton({ kind: 'list', version: nav.version, page: current + 1, command: nav.command, options: nav.options }), { disabled: current >= pages - 1 }),
            ],
          },
        ]
      : [];
  return { embeds, components };
}

export function renderNotice(reply: NoticeReply): MessagePayload {
  const fields = (reply.fields ?? []).slice(0, LIMITS.embedFields).map((f) => ({
    name: truncate(f.name, LIMITS.fieldName),
    value: truncate(escapeMarkdown(f.value), LIMITS.fieldValue),
  }));
  return {
    embeds: [
      {
        color: COLORS[reply.tone],
        ...(reply.title ? { title: truncate(reply.title, LIMITS.embedTitle) } : {}),
        description: truncate(escapeMarkdown(reply.text), LIMITS.embedDescription),
        ...(fields.length > 0 ? { fields } : {}),
      },
    ],
    components: [],
  };
}

/** Any reply, first view: the first result, or the first page. */
export function renderReply(reply: Reply, view: AnswerView, nav?: ListNav): MessagePayload {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, view);
    case 'list':
      return renderList(reply, 0, nav);
    case 'notice':
      return renderNotice(reply);
  }
}
