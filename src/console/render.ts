import { applyHighlights, inQuotationMarks } from '../core/format.js';
import { citationLine } from '../i18n/format.js';
import type { AnswerReply, ListReply, NoticeReply, Reply, ResultCard } from '../core/reply.js';
import { MESSAGES } from '../messages.js';

export interface TerminalStyle {
  /** ANSI bold and dim; off when the output is not a terminal, so piped text stays clean. */
  readonly color: boolean;
}

const BOLD = (s: string): string => `\x1b[1m${s}\x1b[22m`;
const DIM = (s: string): string => `\x1b[2m${s}\x1b[22m`;

function styles(style: TerminalStyle): { bold: (s: string) => string; dim: (s: string) => string } {
  return style.color ? { bold: BOLD, dim: DIM } : { bold: (s) => `*${s}*`, dim: (s) => s };
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function renderCard(card: ResultCard, style: TerminalStyle, withConfidence = true): string {
  const { bold, dim } = styles(style);
  const quote = inQuotationMarks(applyHighlights(card.excerpt, bold), card.excerpt.text);
  const cite = `— ${citationLine(card.citation)}${withConfidence ? ` (${MESSAGES.confidence[card.confidence]})` : ''}`;
  const lines = [indent(quote, '  '), dim(`    ${cite}`)];
  if (card.citation.url) lines.push(dim(`    ${card.citation.url}`));
  return lines.join('\n');
}

function renderAnswer(reply: AnswerReply, style: TerminalStyle): string {
  const { bold } = styles(style);
  const out: string[] = [];
  if (reply.about)
    out.push(`${MESSAGES.findSourcesAbout}: ${reply.about.label}${reply.about.url ? ` (${reply.about.url})` : ''}`);
  if (reply.status === 'empty') return [...out, MESSAGES.emptyQuestion].join('\n');
  if (reply.status === 'no-match') {
    out.push(MESSAGES.noMatch(reply.query));
    for (const a of reply.articles)
      out.push(`  • ${a.title}${a.author ? ` — ${a.author}` : ''} (${MESSAGES.passagesCount(a.passages)})`);
    return out.join('\n');
  }
  if (reply.status === 'weak') out.push(MESSAGES.weakMatch(reply.query));
  const [first, ...rest] = reply.results;
  if (first) out.push(renderCard(first, style));
  if (rest.length > 0) {
    out.push('', bold(MESSAGES.moreResults));
    rest.forEach((card, i) => out.push(`${i + 2}.`, renderCard(card, style)));
  }
  return out.join('\n');
}

function renderList(reply: ListReply, style: TerminalStyle): string {
  const { bold, dim } = styles(style);
  const out = [bold(reply.title)];
  if (reply.intro) out.push(reply.intro);
  if (reply.items.length === 0) out.push(reply.emptyText);
  for (const item of reply.items) {
    out.push(`  ${bold(item.label)}  ${applyHighlights(item.text, bold)}`);
    if (item.citation) out.push(dim(`      — ${citationLine(item.citation)}`));
    for (const also of item.alsoCited ?? []) out.push(dim(`      — ${MESSAGES.alsoReported} ${citationLine(also)}`));
  }
  if (reply.results && reply.results.length > 0) {
    out.push('');
    // Passages a list shows after its items were not asked for by a question: how well they match one is not the
    // point, and Discord does not say it either.
    for (const card of reply.results) out.push(renderCard(card, style, false));
  }
  return out.join('\n');
}

function renderNotice(reply: NoticeReply, style: TerminalStyle): string {
  const { bold } = styles(style);
  const out: string[] = [];
  if (reply.title) out.push(bold(reply.title));
  out.push(reply.text);
  for (const field of reply.fields ?? []) out.push(`  ${bold(field.name)}\n${indent(field.value, '      ')}`);
  if (reply.link) out.push(`${reply.link.label}: ${reply.link.url}`);
  return out.join('\n');
}

/** Draws a reply as terminal text. Pure: the console prints what this returns. */
export function renderTerminal(reply: Reply, style: TerminalStyle = { color: false }): string {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, style);
    case 'list':
      return renderList(reply, style);
    case 'notice':
      return renderNotice(reply, style);
  }
}
