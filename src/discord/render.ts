import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { applyHighlights, truncate } from '../core/format.js';
import { citationLine } from '../i18n/format.js';
import type { AnswerReply, HighlightedText, ListReply, NoticeReply, ResultCard } from '../core/reply.js';
import { MESSAGES } from '../messages.js';
import { type ButtonIds, encodeVote, type VoteTarget } from './custom-id.js';
import { LIMITS, type MessagePayload } from './limits.js';

/**
 * Draws the reply model as Discord messages. Pure: every text is cut to its limit here, so a payload cannot
 * exceed Discord's limits whatever the article or the question holds (tested with generated input).
 */

/**
 * Escapes Markdown so echoed and quoted text shows as written. Not discord.js's escapeMarkdown: its patterns take
 * quadratic time on long unbroken runs (150 ms for 4,000 letters), and a question can be 1,000 characters.
 * Inline markers are escaped everywhere; block markers (quote, heading, list) only where a line starts.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]()]/g, '\\$&').replace(/^(\s*)([>#+-]|\d+\.)/gm, '$1\\$2');
}

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
    const out = applyHighlights(
      cutHighlighted(text, budget),
      (s) => `**${s}**`,
      (s) => escapeMarkdown(s),
    );
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
  /** The custom_id of each button (see `buttonIdsFor`). */
  readonly ids: ButtonIds;
  /** The answer's 👍/👎 buttons, on a row of their own; absent when the server has feedback off. */
  readonly votes?: VoteTarget;
}

/** A citation footer longer than this is a malformed article, not a citation: it is cut to leave room for the quote. */
const MAX_FOOTER = 600;

function resultEmbed(reply: AnswerReply, card: ResultCard, index: number, total: number): APIEmbed {
  const question = reply.about ? `${MESSAGES.findSourcesAbout}: ${reply.about.label}` : `❓ ${reply.query}`;
  const author = truncate(question.replace(/\s+/g, ' '), LIMITS.authorName);
  const title = truncate(card.citation.title, LIMITS.embedTitle);
  const footer = truncate(
    `${citationLine(card.citation, { title: false })} · ${MESSAGES.confidence[card.confidence]}${total > 1 ? ` · ${MESSAGES.resultOf(index + 1, total)}` : ''}`,
    MAX_FOOTER,
  );
  const lead = reply.status === 'weak' ? `${escapeMarkdown(MESSAGES.weakMatch(truncate(reply.query, 200)))}\n\n` : '';
  // The quote gets what the 6,000-character total leaves after the other parts, and never more than a description holds.
  const room =
    Math.min(LIMITS.embedDescription, LIMITS.embedTotal - author.length - title.length - footer.length - 50) -
    lead.length;
  const quote = quoteBlock(formatHighlighted(card.excerpt, Math.max(100, room - 100)));
  return {
    color: reply.status === 'weak' ? COLORS.weak : COLORS.answer,
    author: { name: author, ...(reply.about?.url ? { url: reply.about.url } : {}) },
    title,
    ...(card.citation.url ? { url: card.citation.url } : {}),
    description: `${lead}${quote}`.slice(0, room),
    footer: { text: footer },
  };
}

function button(
  label: string,
  customId: string,
  options: { disabled?: boolean; style?: ButtonStyle.Primary | ButtonStyle.Secondary } = {},
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: options.style ?? ButtonStyle.Secondary,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: customId,
    disabled: options.disabled ?? false,
  };
}

function noMatchEmbed(reply: AnswerReply): APIEmbed {
  const header = reply.status === 'empty' ? MESSAGES.emptyQuestion : MESSAGES.noMatch(truncate(reply.query, 300));
  const lines =
    reply.status === 'empty'
      ? []
      : reply.articles.map((a) => `• ${escapeMarkdown(a.title)}${a.author ? ` — ${escapeMarkdown(a.author)}` : ''}`);
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
  // The ids stay distinct on the first result too: index -1 is encoded as 0, and Next is 1.
  const buttons = [
    button(MESSAGES.buttons.previous, view.ids({ view: 'result', index: index - 1 }), { disabled: index === 0 }),
    button(MESSAGES.buttons.next, view.ids({ view: 'result', index: index + 1 }), { disabled: index >= total - 1 }),
    button(MESSAGES.buttons.showContext, view.ids({ view: 'context', index })),
    ...(view.private
      ? [button(MESSAGES.buttons.postPublicly, view.ids({ view: 'publish', index }), { style: ButtonStyle.Primary })]
      : []),
  ];
  // At most four buttons on the first row and two on the second: within 5 a row and 5 rows whatever the answer.
  const votes = view.votes && [
    button(MESSAGES.voteUp, encodeVote('up', view.votes)),
    button(MESSAGES.voteDown, encodeVote('down', view.votes)),
  ];
  return {
    embeds: [resultEmbed(reply, card, index, total)],
    components: [
      { type: ComponentType.ActionRow, components: buttons },
      ...(votes ? [{ type: ComponentType.ActionRow as const, components: votes }] : []),
    ],
  };
}

/** The paragraphs around a result, the result's own in bold, with a button back to the result. */
export function renderContext(context: ListReply, view: AnswerView): MessagePayload {
  const payload = renderList(context, 0);
  const back = view.ids({ view: 'result', index: view.index });
  return {
    ...payload,
    components: [{ type: ComponentType.ActionRow, components: [button(MESSAGES.buttons.backToResult, back)] }],
  };
}

const pageSizeOf = (reply: ListReply): number => Math.min(reply.pageSize ?? LIST_PAGE_SIZE, LIST_PAGE_SIZE);

/** The number of pages a list is drawn on, for the ids of its page buttons. */
export function listPages(reply: ListReply): number {
  return Math.max(1, Math.ceil(reply.items.length / pageSizeOf(reply)));
}

/** A list (timeline, figures, sources, help) one page at a time; page buttons only when there is more than one page. */
export function renderList(reply: ListReply, page: number, ids?: ButtonIds): MessagePayload {
  const pages = listPages(reply);
  const current = Math.min(Math.max(page, 0), pages - 1);
  const size = pageSizeOf(reply);
  const items = reply.items.slice(current * size, (current + 1) * size);
  const perItem = Math.floor((LIMITS.embedDescription - 300) / Math.max(items.length, 1));

  let description = reply.intro ? `${escapeMarkdown(reply.intro)}\n\n` : '';
  if (items.length === 0) description += escapeMarkdown(reply.emptyText);
  for (const item of items) {
    const cite =
      (item.citation ? `\n-# ${escapeMarkdown(citationLine(item.citation))}` : '') +
      (item.alsoCited ?? [])
        .map((also) => `\n-# ${escapeMarkdown(`${MESSAGES.alsoReported} ${citationLine(also)}`)}`)
        .join('');
    const label = `**${escapeMarkdown(truncate(item.label, Math.min(300, Math.floor(perItem / 2))))}**  `;
    const text = formatHighlighted(item.text, Math.max(40, perItem - label.length - cite.length - 4));
    description += `${label}${text}${cite}\n\n`;
  }
  const embeds: APIEmbed[] = [
    {
      color: COLORS.info,
      title: truncate(reply.title, LIMITS.embedTitle),
      description: description.trim().slice(0, LIMITS.embedDescription) || escapeMarkdown(reply.emptyText),
      ...(pages > 1 ? { footer: { text: MESSAGES.pageOf(current + 1, pages) } } : {}),
    },
  ];
  // Passages after the list (the investment passages): one embed each, inside the 6,000 total.
  let total = embeds[0]!.description!.length + (embeds[0]!.title?.length ?? 0) + 40;
  for (const card of current === 0 ? (reply.results ?? []) : []) {
    const quote = quoteBlock(formatHighlighted(card.excerpt, 900));
    const footer = truncate(citationLine(card.citation), 300);
    if (
      total + quote.length + footer.length + card.citation.title.length > LIMITS.embedTotal - 100 ||
      embeds.length >= LIMITS.embeds
    )
      break;
    total += quote.length + footer.length + card.citation.title.length;
    embeds.push({
      color: COLORS.answer,
      title: truncate(card.citation.title, LIMITS.embedTitle),
      ...(card.citation.url ? { url: card.citation.url } : {}),
      description: quote,
      footer: { text: footer },
    });
  }
  const components =
    pages > 1 && ids
      ? [
          {
            type: ComponentType.ActionRow as const,
            components: [
              button(MESSAGES.buttons.previousPage, ids({ view: 'page', index: current - 1 }), {
                disabled: current === 0,
              }),
              button(MESSAGES.buttons.nextPage, ids({ view: 'page', index: current + 1 }), {
                disabled: current >= pages - 1,
              }),
            ],
          },
        ]
      : [];
  return { embeds, components };
}

/** Discord takes link buttons to http(s) addresses of at most 512 characters; any other is left out. */
const isLinkable = (url: string): boolean => /^https?:\/\//i.test(url) && url.length <= LIMITS.linkUrl;

function linkRow(label: string, url: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Link, label: truncate(label, LIMITS.buttonLabel), url },
    ],
  };
}

export function renderNotice(reply: NoticeReply): MessagePayload {
  const title = reply.title ? truncate(reply.title, LIMITS.embedTitle) : undefined;
  const description = truncate(escapeMarkdown(reply.text), Math.min(LIMITS.embedDescription, 2_000)) || '…';
  // Fields fill what the 6,000-character total leaves, in order; those that do not fit are left out.
  let room = LIMITS.embedTotal - description.length - (title?.length ?? 0) - 50;
  const fields: { name: string; value: string }[] = [];
  for (const f of (reply.fields ?? []).slice(0, LIMITS.embedFields)) {
    const field = {
      name: truncate(f.name, LIMITS.fieldName) || '…',
      value: truncate(escapeMarkdown(f.value), LIMITS.fieldValue).slice(0, LIMITS.fieldValue) || '…',
    };
    if (field.name.length + field.value.length > room) break;
    room -= field.name.length + field.value.length;
    fields.push(field);
  }
  return {
    embeds: [
      {
        color: COLORS[reply.tone],
        ...(title ? { title } : {}),
        description,
        ...(fields.length > 0 ? { fields } : {}),
      },
    ],
    components: reply.link && isLinkable(reply.link.url) ? [linkRow(reply.link.label, reply.link.url)] : [],
  };
}
