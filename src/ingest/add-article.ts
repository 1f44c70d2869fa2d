import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { MAX_ARTICLE_BYTES, parseArticle } from '../core/knowledge/load.js';
import { shelfDir } from '../core/knowledge/shelves.js';
import type { Article } from '../core/types.js';
import { allowEveryAddress, classifyAddress, type AddressPolicy } from './address-policy.js';
import { type ArticleDraft, fileNameFor, renderArticleFile } from './article-file.js';
import { extractOffThread } from './extract-off-thread.js';
import { FETCH_LIMITS, type FetchOptions, fetchPage, resolveWithDns } from './fetch-page.js';
import { draftFromMarkdown, draftFromPlainText, titleFromName } from './from-text.js';
import type { IngestFailure } from './outcomes.js';

/** Where an article goes: the shared library, or one server's shelf. */
export interface IngestTarget {
  readonly knowledgeDir: string;
  /** A guild id: the article goes to `servers/<id>/`. Absent: the shared library. */
  readonly server?: string;
}

export interface IngestOptions {
  /** `INGEST_ALLOW_PRIVATE`: every address counts as public. */
  readonly allowPrivate: boolean;
  /** Replaces parts of the fetch (limits, resolver, policy); tests use it. */
  readonly fetch?: Partial<FetchOptions>;
  readonly now?: () => Date;
}

export interface AddedArticle {
  readonly kind: 'added';
  /** Absolute path of the file written. */
  readonly path: string;
  /** True when the link was already on the shelf and its file was rewritten. */
  readonly refreshed: boolean;
  /** The article as the library will read it. */
  readonly article: Article;
}

export type AddOutcome = AddedArticle | IngestFailure;

const FILE_TYPES = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);
const ARTICLE_FILES = /\.(md|markdown)$/i;

/** A link rather than a path: it names a scheme (`https:`, `ftp:`, `file:`), which a path never starts with. */
export const looksLikeLink = (input: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());

function fetchOptions(options: IngestOptions): FetchOptions {
  const policy: AddressPolicy = options.allowPrivate ? allowEveryAddress : classifyAddress;
  return { ...FETCH_LIMITS, policy, resolve: resolveWithDns, ...options.fetch };
}

/** Comparable form of an address: no fragment, no trailing slash, host in lower case. */
function urlKey(value: string): string | undefined {
  try {
    const url = new URL(value);
    url.hash = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function folderOf(target: IngestTarget): string | IngestFailure {
  if (target.server === undefined) return target.knowledgeDir;
  return shelfDir(target.knowledgeDir, target.server) ?? { kind: 'bad-server', server: target.server };
}

async function articleFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}

/** The file on this shelf that already holds one of these addresses (front matter `url` or `source`). */
async function findByUrl(
  dir: string,
  names: readonly string[],
  keys: ReadonlySet<string>,
): Promise<string | undefined> {
  for (const name of names.filter((n) => ARTICLE_FILES.test(n))) {
    try {
      const { data } = matter(await readFile(path.join(dir, name), 'utf8'));
      for (const field of ['url', 'source']) {
        const value = data[field];
        const key = typeof value === 'string' ? urlKey(value) : undefined;
        if (key !== undefined && keys.has(key)) return name;
      }
    } catch {
      // A file that cannot be read or parsed holds no address; knowledge:check reports it.
    }
  }
  return undefined;
}

/** Names from the title not yet taken on the shelf (nor, for a server's shelf, in the shared library: passage ids must differ). */
function* freeNames(title: string, taken: ReadonlySet<string>): Generator<string> {
  const stem = fileNameFor(title).replace(/\.md$/, '');
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (!taken.has(candidate)) yield `${candidate}.md`;
  }
}

const stemOf = (name: string): string => path.basename(name, path.extname(name)).toLowerCase();

/**
 * Writes the text beside its destination under a dot-name (which no loader reads), then moves it into place, so a
 * reader sees the whole file or none of it and a failed or interrupted add leaves no article half-written. A refresh
 * replaces its file (rename); a new article takes the first of `names` that nobody else took meanwhile (a hard link
 * fails on an existing name, where a rename would overwrite another add's file). Returns the name written.
 */
async function writeAtomically(dir: string, text: string, names: Iterable<string>, replace: boolean): Promise<string> {
  const temporary = path.join(dir, `.footnote-add.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    for (const name of names) {
      if (replace) {
        await rename(temporary, path.join(dir, name));
        return name;
      }
      try {
        await link(temporary, path.join(dir, name));
        return name;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        // A file system without hard links: the name was free a moment ago, which has to do.
        await rename(temporary, path.join(dir, name));
        return name;
      }
    }
    throw new Error('no file name is left for the article');
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Validates a draft as the library will read it, then writes it to the target: over the file that already holds
 * the same address, or under a new name from its title.
 */
async function saveDraft(draft: ArticleDraft, target: IngestTarget, addresses: readonly string[]): Promise<AddOutcome> {
  const dir = folderOf(target);
  if (typeof dir !== 'string') return dir;
  const names = await articleFiles(dir);
  const keys = new Set(addresses.map(urlKey).filter((key): key is string => key !== undefined));
  const existing = keys.size > 0 ? await findByUrl(dir, names, keys) : undefined;
  const taken = new Set(names.map(stemOf));
  if (target.server !== undefined) for (const name of await articleFiles(target.knowledgeDir)) taken.add(stemOf(name));
  const candidates = existing !== undefined ? [existing] : freeNames(draft.meta.title, taken);

  const text = renderArticleFile(draft);
  const checked = parseArticle(fileNameFor(draft.meta.title), text);
  if (!checked.article) {
    const errors = checked.problems.filter((p) => p.severity === 'error');
    if (errors.some((p) => p.issue.code === 'no-paragraphs')) return { kind: 'not-an-article' };
    return { kind: 'invalid-article', reasons: errors.map((p) => p.issue) };
  }
  await mkdir(dir, { recursive: true });
  const name = await writeAtomically(dir, text, candidates, existing !== undefined);
  // The slug, and so every passage id, comes from the name the file got.
  const article = parseArticle(name, text).article ?? checked.article;
  return { kind: 'added', path: path.join(dir, name), refreshed: existing !== undefined, article };
}

const today = (options: IngestOptions): string => (options.now?.() ?? new Date()).toISOString().slice(0, 10);

function withProvenance(draft: ArticleDraft, requested: string | undefined, options: IngestOptions): ArticleDraft {
  const source = requested !== undefined && urlKey(requested) !== urlKey(draft.meta.url ?? '') ? requested : undefined;
  return { ...draft, meta: { ...draft.meta, ...(source !== undefined ? { source } : {}), retrieved: today(options) } };
}

/** Reads a web page as an article and writes it to the target. Every expected failure is a value. */
export async function addArticleFromLink(
  link: string,
  target: IngestTarget,
  options: IngestOptions,
): Promise<AddOutcome> {
  const page = await fetchPage(link.trim(), fetchOptions(options));
  if (page.kind !== 'page') return page;
  const fallback = titleFromName(page.url);
  const read =
    page.type === 'html'
      ? await extractOffThread(page.text, page.url)
      : page.type === 'markdown'
        ? draftFromMarkdown(page.text, fallback, page.url)
        : draftFromPlainText(page.text, fallback, page.url);
  if (read.kind !== 'article') return read;
  const draft = withProvenance(read.draft, page.requestedUrl, options);
  return saveDraft(draft, target, [
    page.requestedUrl,
    page.url,
    ...(draft.meta.url !== undefined ? [draft.meta.url] : []),
  ]);
}

/** Adds a local `.md`, `.txt` or `.html` file (at most 2 MB) to the target. */
export async function addArticleFromFile(
  file: string,
  target: IngestTarget,
  options: IngestOptions,
): Promise<AddOutcome> {
  const extension = path.extname(file).toLowerCase();
  if (!FILE_TYPES.has(extension)) return { kind: 'unsupported-file', path: file };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { kind: 'no-file', path: file };
    if (info.size > MAX_ARTICLE_BYTES) return { kind: 'too-large', limitBytes: MAX_ARTICLE_BYTES };
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { kind: 'no-file', path: file }
      : { kind: 'unreadable-file', path: file, reason: code ?? String(error) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'unreadable-file', path: file, reason: 'not UTF-8 text' };
  }
  const fallback = titleFromName(path.basename(file));
  const read =
    extension === '.html' || extension === '.htm'
      ? await extractOffThread(text, undefined)
      : extension === '.txt'
        ? draftFromPlainText(text, fallback)
        : draftFromMarkdown(text, fallback);
  if (read.kind !== 'article') return read;
  const draft = withProvenance(read.draft, undefined, options);
  return saveDraft(draft, target, draft.meta.url !== undefined ? [draft.meta.url] : []);
}
