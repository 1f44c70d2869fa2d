import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { definedFields } from '../defined.js';
import type { Article, ArticleMeta } from '../types.js';
import { type AliasGroup, type AliasIssue, parseAliasGroup } from './aliases.js';
import { buildPassages } from './blocks.js';
import { type ParsedSource, parseMarkdown } from './parse-markdown.js';
import { parsePlainText } from './parse-text.js';

/** Larger files are almost surely not an article (a dump, a binary); reading them would slow every start. */
export const MAX_ARTICLE_BYTES = 2_000_000;
export const ALIASES_FILE = 'aliases.txt';
const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

export interface Problem {
  /** Path relative to the knowledge folder. */
  readonly file: string;
  readonly line?: number;
  /** `error`: the file (or entry) is skipped. `warning`: it is served, but something is off. */
  readonly severity: 'error' | 'warning';
  /** What is wrong, as data: the messages module words it for the log, `knowledge:check` and `/library`. */
  readonly issue: ProblemIssue;
}

/** Every problem the loader can find in a file; the sentences are in src/messages.ts (`describeIssue`). */
export type ProblemIssue =
  | { readonly code: 'not-text'; readonly key: string }
  | { readonly code: 'missing-title' }
  | { readonly code: 'bad-published'; readonly value: string }
  | { readonly code: 'bad-url'; readonly url: string }
  | AliasIssue
  | { readonly code: 'byte-order-mark' }
  | { readonly code: 'empty' }
  | { readonly code: 'broken-front-matter'; readonly reason: string }
  | { readonly code: 'no-paragraphs' }
  | { readonly code: 'repeated-paragraph'; readonly paragraph: number; readonly first: number }
  | { readonly code: 'folder-unreadable'; readonly dir: string; readonly reason: string }
  | { readonly code: 'skipped'; readonly why: UnreadableFile }
  | { readonly code: 'slug-taken'; readonly slug: string; readonly by: string }
  /** After a reload: the file fails now, and the version read before it is still served. */
  | { readonly code: 'previous-version-served' }
  /** After a reload: no file of the folder yields an article, so the library serving goes on serving. */
  | { readonly code: 'no-usable-article' };

/** Why a file could not be read as text. */
export type UnreadableFile =
  | { readonly code: 'outside-link' }
  | { readonly code: 'not-a-file' }
  | { readonly code: 'too-large'; readonly bytes: number; readonly limit: number }
  | { readonly code: 'binary' }
  | { readonly code: 'not-utf8' }
  | { readonly code: 'read-failed'; readonly reason: string }

export interface Library {
  readonly dir: string;
  readonly articles: readonly Article[];
  readonly aliases: readonly AliasGroup[];
  readonly problems: readonly Problem[];
  /** Changes whenever any served text changes; lets buttons made from an older library say so. */
  readonly version: string;
}

const PUBLISHED = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function validPublished(value: string): boolean {
  const m = PUBLISHED.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const date = new Date(Date.UTC(Number(m[1]), month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** YAML turns `2024-08-23` into a Date and `2024` into a number; both are accepted as written. */
function publishedString(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'string') return String(value).trim();
  return undefined;
}

function slugOf(file: string): string {
  return path
    .basename(file, path.extname(file))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function readMeta(parsed: ParsedSource, file: string, problems: Problem[]): ArticleMeta | undefined {
  const { data } = parsed;
  const text = (key: string): string | undefined => {
    const value = data[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
    problems.push({ file, line: 1, severity: 'warning', issue: { code: 'not-text', key } });
    return undefined;
  };

  const title = text('title') ?? parsed.heading;
  if (!title) {
    problems.push({ file, line: 1, severity: 'error', issue: { code: 'missing-title' } });
    return undefined;
  }

  let published: string | undefined;
  if (data.published !== undefined && data.published !== null) {
    // An unquoted date becomes a Date with roll-over (2024-02-30 → 2024-03-01): check what was written instead.
    const written = data.published instanceof Date ? /^published:\s*["']?([^"'\s#]+)/m.exec(parsed.rawFrontMatter ?? '')?.[1] : undefined;
    published = written ?? publishedString(data.published);
    if (!published || !validPublished(published)) {
      problems.push({
        file,
        line: 1,
        severity: 'warning',
        issue: { code: 'bad-published', value: String(data.published) },
      });
      published = undefined;
    }
  }

  let url = text('url');
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) {
    problems.push({ file, line: 1, severity: 'warning', issue: { code: 'bad-url', url } });
    url = undefined;
  }

  const aliases: AliasGroup[] = [];
  const rawAliases = data.aliases;
  if (rawAliases !== undefined && rawAliases !== null) {
    const entries = Array.isArray(rawAliases) ? rawAliases : [rawAliases];
    for (const entry of entries) {
      const group = parseAliasGroup(entry);
      if ('code' in group) problems.push({ file, line: 1, severity: 'warning', issue: group });
      else aliases.push(group);
    }
  }

  const author = text('author');
  const publisher = text('publisher');
  const language = text('language');
  return {
    title,
    ...definedFields({ author, publisher, url, published, language }),
    aliases,
  };
}

/**
 * Parses one article from its text. Pure: the loader and the tests share it.
 * Returns no article when the file cannot be served; `problems` says why.
 */
export function parseArticle(file: string, source: string): { article?: Article; problems: Problem[] } {
  const problems: Problem[] = [];
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (text !== source) problems.push({ file, line: 1, severity: 'warning', issue: { code: 'byte-order-mark' } });

  if (text.trim().length === 0) {
    problems.push({ file, severity: 'error', issue: { code: 'empty' } });
    return { problems };
  }

  let parsed: ParsedSource;
  try {
    parsed = path.extname(file).toLowerCase() === '.txt' ? parsePlainText(text) : parseMarkdown(text);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    problems.push({
      file,
      // js-yaml counts from 0, from the newline after the opening `---`: its line is already the file's line minus one.
      ...(mark?.line !== undefined ? { line: mark.line + 1 } : { line: 1 }),
      severity: 'error',
      issue: { code: 'broken-front-matter', reason },
    });
    return { problems };
  }

  const meta = readMeta(parsed, file, problems);
  if (!meta) return { problems };

  const slug = slugOf(file);
  const passages = buildPassages(slug, parsed.blocks);
  if (passages.length === 0) {
    problems.push({ file, severity: 'error', issue: { code: 'no-paragraphs' } });
    return { problems };
  }

  const seen = new Map<string, number>();
  for (const passage of passages) {
    const first = seen.get(passage.text);
    if (first !== undefined) {
      problems.push({ file, line: passage.line, severity: 'warning', issue: { code: 'repeated-paragraph', paragraph: passage.paragraph, first } });
    } else seen.set(passage.text, passage.paragraph);
  }

  return { article: { slug, file, meta, passages }, problems };
}

export function parseAliases(file: string, source: string): { aliases: AliasGroup[]; problems: Problem[] } {
  const aliases: AliasGroup[] = [];
  const problems: Problem[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const group = parseAliasGroup(line);
    if ('code' in group) problems.push({ file, line: index + 1, severity: 'warning', issue: group });
    else aliases.push(group);
  });
  return { aliases, problems };
}

// ignoreBOM keeps a byte-order mark in the text, so parseArticle can say it saw one.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file as text, or says why it cannot be served. */
async function readText(dir: string, file: string): Promise<string | UnreadableFile> {
  const full = path.join(dir, file);
  try {
    const link = await lstat(full);
    if (link.isSymbolicLink()) {
      const target = await realpath(full);
      const root = await realpath(dir);
      if (path.relative(root, target).startsWith('..') || path.isAbsolute(path.relative(root, target))) {
        return { code: 'outside-link' };
      }
    }
    const info = await stat(full);
    if (!info.isFile()) return { code: 'not-a-file' };
    if (info.size > MAX_ARTICLE_BYTES) {
      return { code: 'too-large', bytes: info.size, limit: MAX_ARTICLE_BYTES };
    }
    const bytes = await readFile(full);
    if (bytes.includes(0)) return { code: 'binary' };
    try {
      return utf8.decode(bytes);
    } catch {
      return { code: 'not-utf8' };
    }
  } catch (error) {
    return { code: 'read-failed', reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/**
 * Loads every article in `dir` (top level: `.md`, `.markdown`, `.txt`) and the synonym list `aliases.txt`.
 * A file that cannot be served is skipped with a problem that names it; the others load regardless.
 */
export async function loadLibrary(dir: string): Promise<Library> {
  const problems: Problem[] = [];
  const articles: Article[] = [];
  const aliases: AliasGroup[] = [];
  const hash = createHash('sha256');

  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    problems.push({ file: '.', severity: 'error', issue: { code: 'folder-unreadable', dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
    return { dir, articles, aliases, problems, version: 'empty' };
  }

  const slugs = new Map<string, string>();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const isAliases = name === ALIASES_FILE;
    if (!isAliases && !ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;

    const text = await readText(dir, name);
    if (typeof text !== 'string') {
      problems.push({ file: name, severity: 'error', issue: { code: 'skipped', why: text } });
      continue;
    }
    hash.update(name).update('\0').update(text).update('\0');

    if (isAliases) {
      const result = parseAliases(name, text);
      aliases.push(...result.aliases);
      problems.push(...result.problems);
      continue;
    }

    const result = parseArticle(name, text);
    problems.push(...result.problems);
    if (!result.article) continue;
    const clash = slugs.get(result.article.slug);
    if (clash) {
      problems.push({ file: name, severity: 'error', issue: { code: 'slug-taken', slug: result.article.slug, by: clash } });
      continue;
    }
    slugs.set(result.article.slug, name);
    aliases.push(...result.article.meta.aliases);
    articles.push(result.article);
  }

  return { dir, articles, aliases, problems, version: hash.digest('hex').slice(0, 8) };
}
