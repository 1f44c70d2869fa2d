import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ArticleMeta } from '../types.js';
import { type AliasGroup, parseAliasGroup } from './aliases.js';
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
  readonly message: string;
}

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
    problems.push({ file, line: 1, severity: 'warning', message: `front matter "${key}" should be text; it is ignored` });
    return undefined;
  };

  const title = text('title') ?? parsed.heading;
  if (!title) {
    problems.push({ file, line: 1, severity: 'error', message: 'missing title: add "title:" to the front matter' });
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
        message: `bad date in "published": ${JSON.stringify(String(data.published))}; use YYYY, YYYY-MM or YYYY-MM-DD`,
      });
      published = undefined;
    }
  }

  let url = text('url');
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) {
    problems.push({ file, line: 1, severity: 'warning', message: `"url" is not an http(s) address: ${JSON.stringify(url)}; links are left out` });
    url = undefined;
  }

  const aliases: AliasGroup[] = [];
  const rawAliases = data.aliases;
  if (rawAliases !== undefined && rawAliases !== null) {
    const entries = Array.isArray(rawAliases) ? rawAliases : [rawAliases];
    for (const entry of entries) {
      const group = parseAliasGroup(entry);
      if (typeof group === 'string') problems.push({ file, line: 1, severity: 'warning', message: group });
      else aliases.push(group);
    }
  }

  const author = text('author');
  const publisher = text('publisher');
  const language = text('language');
  return {
    title,
    ...(author !== undefined ? { author } : {}),
    ...(publisher !== undefined ? { publisher } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(language !== undefined ? { language } : {}),
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
  if (text !== source) problems.push({ file, line: 1, severity: 'warning', message: 'starts with a byte-order mark; it is ignored' });

  if (text.trim().length === 0) {
    problems.push({ file, severity: 'error', message: 'empty file' });
    return { problems };
  }

  let parsed: ParsedSource;
  try {
    parsed = path.extname(file).toLowerCase() === '.txt' ? parsePlainText(text) : parseMarkdown(text);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    problems.push({
      file,
      // js-yaml counts from 0, from the newline after the opening `---`: its line is already the file's line minus one.
      ...(mark?.line !== undefined ? { line: mark.line + 1 } : { line: 1 }),
      severity: 'error',
      message: `broken front matter: ${reason}`,
    });
    return { problems };
  }

  const meta = readMeta(parsed, file, problems);
  if (!meta) return { problems };

  const slug = slugOf(file);
  const passages = buildPassages(slug, parsed.blocks);
  if (passages.length === 0) {
    problems.push({ file, severity: 'error', message: 'no paragraphs: the article has a title but no text' });
    return { problems };
  }

  const seen = new Map<string, number>();
  for (const passage of passages) {
    const first = seen.get(passage.text);
    if (first !== undefined) {
      problems.push({ file, line: passage.line, severity: 'warning', message: `paragraph ${passage.paragraph} repeats paragraph ${first}` });
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
    if (typeof group === 'string') problems.push({ file, line: index + 1, severity: 'warning', message: group });
    else aliases.push(group);
  });
  return { aliases, problems };
}

// ignoreBOM keeps a byte-order mark in the text, so parseArticle can say it saw one.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file as text, or says in a sentence why it cannot be served. */
async function readText(dir: string, file: string): Promise<string | { reason: string }> {
  const full = path.join(dir, file);
  try {
    const link = await lstat(full);
    if (link.isSymbolicLink()) {
      const target = await realpath(full);
      const root = await realpath(dir);
      if (path.relative(root, target).startsWith('..') || path.isAbsolute(path.relative(root, target))) {
        return { reason: 'is a link to a file outside the knowledge folder; it is not followed' };
      }
    }
    const info = await stat(full);
    if (!info.isFile()) return { reason: 'is not a regular file' };
    if (info.size > MAX_ARTICLE_BYTES) {
      return { reason: `is ${(info.size / 1_000_000).toFixed(1)} MB, over the ${MAX_ARTICLE_BYTES / 1_000_000} MB limit for an article` };
    }
    const bytes = await readFile(full);
    if (bytes.includes(0)) return { reason: 'looks binary (it holds NUL bytes), not text' };
    try {
      return utf8.decode(bytes);
    } catch {
      return { reason: 'is not valid UTF-8 text; save it as UTF-8' };
    }
  } catch (error) {
    return { reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
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
    problems.push({ file: '.', severity: 'error', message: `the knowledge folder ${dir} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return { dir, articles, aliases, problems, version: 'empty' };
  }

  const slugs = new Map<string, string>();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const isAliases = name === ALIASES_FILE;
    if (!isAliases && !ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;

    const text = await readText(dir, name);
    if (typeof text !== 'string') {
      problems.push({ file: name, severity: 'error', message: `skipped: the file ${text.reason}` });
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
      problems.push({ file: name, severity: 'error', message: `skipped: its id "${result.article.slug}" is already used by ${clash}; rename one of them` });
      continue;
    }
    slugs.set(result.article.slug, name);
    aliases.push(...result.article.meta.aliases);
    articles.push(result.article);
  }

  return { dir, articles, aliases, problems, version: hash.digest('hex').slice(0, 8) };
}
