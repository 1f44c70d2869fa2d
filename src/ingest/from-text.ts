import matter from 'gray-matter';
import TurndownService from 'turndown';
import { parseMarkdown } from '../core/knowledge/parse-markdown.js';
import { parsePlainText } from '../core/knowledge/parse-text.js';
import type { ArticleDraft, DraftMeta } from './article-file.js';
import type { IngestFailure } from './outcomes.js';
import { cleanAuthor, cleanText, normalizeDate } from './page-meta.js';

const escaper = new TurndownService();

/** Text made safe to write as a Markdown paragraph: reading the file back gives the same words. */
export const escapeMarkdown = (text: string): string => escaper.escape(text);

function frontMatterText(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' || typeof value === 'number' ? cleanText(String(value)) : undefined;
}

function frontMatterDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return typeof value === 'string' || typeof value === 'number' ? normalizeDate(String(value)) : undefined;
}

/**
 * A Markdown document as an article: its own front matter (when it has one) is kept, its first `# Heading` is the
 * title when the front matter names none, and `fallbackTitle` when there is neither.
 */
export function draftFromMarkdown(
  source: string,
  fallbackTitle: string,
  url?: string,
): { kind: 'article'; draft: ArticleDraft } | IngestFailure {
  let data: Readonly<Record<string, unknown>>;
  let body: string;
  try {
    const file = matter(source.replace(/^\uFEFF/, ''));
    data = file.data;
    body = file.content;
  } catch (error) {
    return {
      kind: 'invalid-article',
      reasons: [
        {
          code: 'broken-front-matter',
          reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        },
      ],
    };
  }
  const heading = parseMarkdown(body).heading;
  const author = cleanAuthor(frontMatterText(data, 'author'));
  const publisher = frontMatterText(data, 'publisher');
  const ownUrl = frontMatterText(data, 'url');
  const published = frontMatterDate(data.published);
  const language = frontMatterText(data, 'language');
  const aliases = (
    Array.isArray(data.aliases) ? data.aliases : data.aliases === undefined ? [] : [data.aliases]
  ).filter((alias): alias is string => typeof alias === 'string');
  const finalUrl = ownUrl ?? url;
  const meta: DraftMeta = {
    title: frontMatterText(data, 'title') ?? heading ?? fallbackTitle,
    ...(author !== undefined ? { author } : {}),
    ...(publisher !== undefined ? { publisher } : {}),
    ...(finalUrl !== undefined ? { url: finalUrl } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
  };
  return { kind: 'article', draft: { meta, body } };
}

/** Plain text as copied from a page (a title line, `By` line, paragraphs, short headings) written as Markdown. */
export function draftFromPlainText(
  source: string,
  fallbackTitle: string,
  url?: string,
): { kind: 'article'; draft: ArticleDraft } {
  const parsed = parsePlainText(source.replace(/^\uFEFF/, ''));
  const title = frontMatterText(parsed.data, 'title') ?? fallbackTitle;
  const author = cleanAuthor(frontMatterText(parsed.data, 'author'));
  const body = parsed.blocks
    .map((block) => (block.kind === 'heading' ? `## ${escapeMarkdown(block.text)}` : escapeMarkdown(block.text)))
    .join('\n\n');
  return {
    kind: 'article',
    draft: {
      meta: { title, ...(author !== undefined ? { author } : {}), ...(url !== undefined ? { url } : {}) },
      body,
    },
  };
}

/** `https://x.example/2024/the-tidal-bet.html` or `the-tidal-bet.md` → `The tidal bet`; a bare site → its host. */
export function titleFromName(name: string): string {
  let last =
    name
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? '';
  let extension = /\.[a-z0-9]+$/i;
  try {
    const url = new URL(name);
    const segment = url.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
    last = segment === '' ? url.hostname : segment;
    if (segment === '') extension = /$^/;
  } catch {
    // Not a link: a file name.
  }
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A malformed escape stays as written.
  }
  const base = decoded.replace(extension, '').replace(/[-_]+/g, ' ').trim();
  return base === '' ? 'Untitled article' : `${base.charAt(0).toUpperCase()}${base.slice(1)}`;
}
