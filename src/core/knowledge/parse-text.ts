import type { Block } from './blocks.js';
import type { ParsedSource } from './parse-markdown.js';

const MAX_HEADING_LENGTH = 80;
const MAX_HEADING_WORDS = 12;

/** A short line that does not end a sentence and starts with a capital: a section heading in a copied article. */
function looksLikeHeading(text: string): boolean {
  return (
    text.length <= MAX_HEADING_LENGTH &&
    text.split(/\s+/).length <= MAX_HEADING_WORDS &&
    !/[.,;:!?"'\u201C\u201D\u2019)\u2026-]$/.test(text) &&
    /^[\p{Lu}\p{N}]/u.test(text)
  );
}

/**
 * Reads an article copied as plain text: a title line, an optional `By Author` line, then paragraphs and short
 * heading lines. Paragraphs are either one per line or, when the file has blank lines, blocks separated by them
 * (wrapped lines stay as they are, so excerpts remain verbatim).
 */
export function parsePlainText(source: string): ParsedSource {
  const all = source.split(/\r?\n/);
  // The title and `By` lines come first whatever separates the paragraphs; taken off before paragraphs are cut.
  const data: Record<string, unknown> = {};
  let skip = all.findIndex((l) => l.trim() !== '');
  if (skip >= 0) {
    data.title = all[skip]!.trim();
    const next = all.findIndex((l, i) => i > skip && l.trim() !== '');
    const byline = next >= 0 ? /^by\s+(.+)$/i.exec(all[next]!.trim()) : null;
    if (byline?.[1]) {
      data.author = byline[1].trim();
      skip = next;
    }
  }
  // Blanked rather than removed, so line numbers stay those of the file.
  const lines = all.map((l, i) => (i <= skip ? '' : l));
  const firstText = lines.findIndex((l) => l.trim() !== '');
  const lastText = lines.findLastIndex((l) => l.trim() !== '');
  const hasBlankSeparators = lines.some((l, i) => l.trim() === '' && i > firstText && i < lastText);

  const chunks: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const text = raw.trimEnd();
    if (text.trim() === '') {
      if (current) chunks.push(current);
      current = undefined;
      return;
    }
    if (!hasBlankSeparators) {
      chunks.push({ text: text.trim(), line: index + 1 });
      return;
    }
    current = current ? { text: `${current.text}\n${text.trim()}`, line: current.line } : { text: text.trim(), line: index + 1 };
  });
  if (current) chunks.push(current);

  const rest = chunks;
  const blocks: Block[] = rest.map((chunk, i) => {
    const next = rest[i + 1];
    const heading = !chunk.text.includes('\n') && next !== undefined && looksLikeHeading(chunk.text) && !looksLikeHeading(next.text);
    return heading ? { kind: 'heading', text: chunk.text, line: chunk.line } : { kind: 'paragraph', text: chunk.text, line: chunk.line };
  });
  return { data, blocks };
}
