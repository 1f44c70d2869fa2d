import { inQuotationMarks, truncate } from './format.js';
import type { SearchHit } from './search/search-index.js';

const MAX_TITLE = 32;
const MAX_SECTION = 24;

/** Words around `at` in `text`, about `width` characters, cut at word boundaries, with ellipses where cut. */
export function windowAround(text: string, at: number, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= width) return flat;
  let start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  let end = Math.min(flat.length, start + width);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

/**
 * `Article › Section › "snippet…"` in at most `maxLength` characters (a face's limit: Discord's choice names hold
 * 100), the snippet centred on the first matched word.
 */
export function previewHit(hit: SearchHit, maxLength: number): string {
  const head = [
    truncate(hit.article.meta.title, MAX_TITLE),
    ...(hit.passage.section ? [truncate(hit.passage.section, MAX_SECTION)] : []),
  ].join(' › ');
  const room = maxLength - head.length - ' › “”'.length;
  const firstMatch = hit.excerpt.highlights[0];
  const at = firstMatch ? hit.excerpt.start + firstMatch.start : hit.excerpt.start;
  const snippet = room > 10 ? windowAround(hit.passage.text, at, room) : '';
  const preview = snippet ? `${head} › ${inQuotationMarks(snippet)}` : head;
  return truncate(preview, maxLength);
}
