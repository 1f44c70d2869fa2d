import type { Citation } from './citation.js';
import type { HighlightedText } from './reply.js';

/** Text with its highlights wrapped by `mark`, every piece passed through `escape` first. */
export function applyHighlights(
  text: HighlightedText,
  mark: (s: string) => string,
  escape: (s: string) => string = (s) => s,
): string {
  const spans = [...text.highlights].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    // Adjacent highlighted words ("Xi Jinping") become one mark, which reads better than two.
    let end = span.end;
    for (const next of spans) if (next.start >= end && /^\s+$/.test(text.text.slice(end, next.start))) end = next.end;
    out += escape(text.text.slice(cursor, span.start)) + mark(escape(text.text.slice(span.start, end)));
    cursor = end;
  }
  return out + escape(text.text.slice(cursor));
}

const OPENS_QUOTE = /^\s*["“„«‘']/;
const CLOSES_QUOTE = /["”“»’']\s*[.,;:!?]?\s*$/;

/**
 * Whether `text` opens and closes with quotation marks (`“Let’s sit down…,” he said… “…need it.”`): a face that
 * shows excerpts inside quotation marks shows such a one as it is, rather than with its marks doubled.
 */
export function isQuotation(text: string): boolean {
  return OPENS_QUOTE.test(text) && CLOSES_QUOTE.test(text);
}

/** `text` inside quotation marks, unless it is a quotation already (see `isQuotation`). */
export function inQuotationMarks(text: string, plain: string = text): string {
  return isQuotation(plain) ? text : `“${text}”`;
}

/**
 * `Title · Author · Section · ¶3`, the short form of a citation that every face prints; `number` writes the
 * paragraph's number in the reader's language (the faces pass src/i18n's `formatNumber`).
 */
export function formatCitation(
  citation: Citation,
  options: { title?: boolean; number?: (value: number) => string } = {},
): string {
  const parts = [
    ...(options.title === false ? [] : [citation.title]),
    ...(citation.author !== undefined ? [citation.author] : []),
    ...(citation.section !== undefined ? [citation.section] : []),
    `¶${(options.number ?? String)(citation.paragraph)}`,
  ];
  return parts.join(' · ');
}

/** Cuts `text` to at most `max` characters at a word boundary, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - 1);
  // Never end on half of a surrogate pair (an emoji): Discord shows a lone half as � or refuses it.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
