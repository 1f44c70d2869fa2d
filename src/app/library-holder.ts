import type { LibraryControl } from '../../commands/command.js';
import type { Config } from '../config.js';
import { createHash } from 'node:crypto';
import { type Library, type Problem, loadLibrary } from '../core/knowledge/load.js';
import { KnowledgeBase, type KnowledgeBuildOptions } from '../core/knowledge-base.js';
import { isGuildId, listShelves, shelfDir } from '../core/knowledge/shelves.js';
import type { Article } from '../core/types.js';
import { describeIssue } from '../messages.js';
import { type Steps, finishGradually, finishNow } from '../core/steps.js';

/** A file that failed validation after a change, still served as it was before. */
export interface KeptArticle {
  readonly file: string;
  readonly reasons: readonly string[];
}

/** What a reload changed, by file; passages counted before and after. */
export interface LibraryChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly kept: readonly KeptArticle[];
  readonly passagesBefore: number;
  readonly passagesAfter: number;
}

const passageCount = (library: Library): number => library.articles.reduce((sum, a) => sum + a.passages.length, 0);

/** What a reader of the article would notice: its front matter and its passages, in order. */
function fingerprint(article: Article): string {
  return JSON.stringify([article.slug, article.meta, article.passages.map((p) => [p.section ?? '', p.text])]);
}

/**
 * The new library, except that an article served before whose file now fails validation (it is still there, but
 * yields no article) stays in its previous version. A deleted file is gone; a file that never loaded stays out.
 */
export function keepPreviousVersions(
  previous: Library,
  next: Library,
  present: ReadonlySet<string>,
): { library: Library; kept: KeptArticle[] } {
  const served = new Set(next.articles.map((a) => a.file));
  const slugs = new Set(next.articles.map((a) => a.slug));
  const kept: KeptArticle[] = [];
  const keptArticles: Article[] = [];
  for (const article of previous.articles) {
    if (served.has(article.file) || !present.has(article.file) || slugs.has(article.slug)) continue;
    const reasons = next.problems
      .filter((p) => p.file === article.file && p.severity === 'error')
      .map((p) => describeIssue(p.issue));
    kept.push({ file: article.file, reasons });
    keptArticles.push(article);
  }
  if (kept.length === 0) return { library: next, kept };
  const articles = [...next.articles, ...keptArticles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const problems: Problem[] = [
    ...next.problems,
    ...kept.map((k): Problem => ({
      file: k.file,
      severity: 'warning',
      issue: { code: 'previous-version-served' },
    })),
  ];
  const hash = createHash('sha256').update(next.version);
  for (const article of keptArticles) hash.update('\0').update(fingerprint(article));
  return {
    library: {
      ...next,
      articles,
      aliases: [...next.aliases, ...keptArticles.flatMap((a) => a.meta.aliases)],
      problems,
      version: hash.digest('hex').slice(0, 8),
    },
    kept,
  };
}

/**
 * Whether a reader would see two versions of an article alike: what `fingerprint` compares, compared in place and
 * stopping at the first difference, rather than writing every fingerprint out (a second at 100,000 passages).
 */
function sameArticle(a: Article, b: Article): boolean {
  if (a === b) return true;
  if (a.slug !== b.slug || a.passages.length !== b.passages.length) return false;
  if (JSON.stringify(a.meta) !== JSON.stringify(b.meta)) return false;
  return a.passages.every((p, i) => p.text === b.passages[i]!.text && p.section === b.passages[i]!.section);
}

/** Passages compared between two turns of the event loop, in a reload that answers are waiting on. */
const PASSAGES_PER_STEP = 5_000;

function* diffSteps(before: Library, after: Library, kept: readonly KeptArticle[]): Steps<LibraryChanges> {
  const old = new Map(before.articles.map((a) => [a.file, a]));
  const changed: string[] = [];
  let compared = 0;
  for (const article of after.articles) {
    const previous = old.get(article.file);
    if (previous === undefined) continue;
    if (!sameArticle(previous, article)) changed.push(article.file);
    compared += article.passages.length;
    if (compared >= PASSAGES_PER_STEP) {
      compared = 0;
      yield;
    }
  }
  const now = new Set(after.articles.map((a) => a.file));
  return {
    added: after.articles.map((a) => a.file).filter((file) => !old.has(file)),
    changed,
    removed: [...old.keys()].filter((file) => !now.has(file)),
    kept,
    passagesBefore: passageCount(before),
    passagesAfter: passageCount(after),
  };
}

/** Articles added, changed and removed between two libraries, by file name. */
export const diffLibraries = (before: Library, after: Library, kept: readonly KeptArticle[] = []): LibraryChanges =>
  finishNow(diffSteps(before, after, kept));

export const hasChanges = (changes: LibraryChanges): boolean =>
  changes.added.length + changes.changed.length + changes.removed.length > 0;

export type ReloadOutcome =
  | { readonly kind: 'reloaded'; readonly changes: LibraryChanges; readonly ms: number }
  /** The folder now yields no article at all: the library that was serving goes on serving. */
  | { readonly kind: 'kept'; readonly reason: string };

/** What a face asks of the libraries it serves: the shared library now, and what a server sees. */
export interface ServedLibraries {
  readonly current: KnowledgeBase;
  forServer(guildId: string | undefined): KnowledgeBase;
}

/** One library that never changes, served to every server alike (tests, scripts). */
export const fixedLibrary = (kb: KnowledgeBase): ServedLibraries => ({ current: kb, forServer: () => kb });

/**
 * The library now serving. Faces read `current` once per request, so an answer in flight finishes on the library it
 * started with while the next request sees the new one. A reload reads and indexes the folder in the background
 * and swaps at once; reloads run one at a time, and a reload asked for during another runs once it ends.
 */
export class LibraryHolder implements ServedLibraries {
  private serving: KnowledgeBase;
  /** Each server's shelf as read, and the library it is served in, with the shared library that was built for. */
  private readonly shelves = new Map<
    string,
    { library: Library; served?: { readonly shared: KnowledgeBase; readonly kb: KnowledgeBase } }
  >();
  private running: Promise<ReloadOutcome> | undefined;
  private again: Promise<ReloadOutcome> | undefined;
  private readonly listeners = new Set<(kb: KnowledgeBase) => void>();

  /**
   * `options` are those of every rebuild: a snapshot is looked up and written as at start-up, and a large library
   * is built on a worker thread (`offThread: 'auto'` unless given), so that a reload does not pause answers.
   */
  constructor(
    readonly dir: string,
    initial: KnowledgeBase,
    private readonly options: KnowledgeBuildOptions = {},
  ) {
    this.serving = initial;
    initial.prepareFacts();
  }

  get current(): KnowledgeBase {
    return this.serving;
  }

  /**
   * The library a server sees: the shared library with that server's shelf, one ranking; the shared library alone
   * for a server with no shelf, and where there is no server (a DM, or a server that did not invite the bot).
   */
  forServer(guildId: string | undefined): KnowledgeBase {
    const shelf = guildId === undefined ? undefined : this.shelves.get(guildId);
    if (shelf === undefined || shelf.library.articles.length === 0) return this.serving;
    const shared = this.serving;
    if (shelf.served?.shared !== shared) {
      shelf.served = { shared, kb: KnowledgeBase.withShelf(shared, shelf.library) };
      shelf.served.kb.prepareFacts();
    }
    return shelf.served.kb;
  }

  /** A server's shelf as read (none: empty); with no server, the shared library's articles. */
  shelfArticles(guildId: string | undefined): readonly Article[] {
    if (guildId === undefined) return this.serving.articles;
    return this.shelves.get(guildId)?.library.articles ?? [];
  }

  /** Servers with a shelf of at least one article. */
  get shelfServers(): string[] {
    return [...this.shelves].filter(([, shelf]) => shelf.library.articles.length > 0).map(([id]) => id);
  }

  /** Reads every server's shelf (at start-up). */
  async loadShelves(): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const id of await listShelves(this.dir)) {
      if (!isGuildId(id)) continue;
      problems.push(...(await this.reloadShelf(id)).problems);
    }
    return problems;
  }

  /**
   * Reads one server's shelf again and serves it from the next request on; the shared library is not touched. What
   * it changed is said as for the shared library (a shelf's file that now fails validation keeps its previous
   * version).
   */
  async reloadShelf(guildId: string): Promise<{ changes: LibraryChanges; problems: readonly Problem[] }> {
    const dir = shelfDir(this.dir, guildId);
    if (dir === undefined) throw new RangeError(`not a server id: ${guildId}`);
    const before = this.shelves.get(guildId)?.library ?? {
      dir,
      articles: [],
      aliases: [],
      problems: [],
      version: 'empty',
    };
    const next = await loadLibrary(dir);
    const present = new Set([...next.articles.map((a) => a.file), ...next.problems.map((p) => p.file)]);
    const { library, kept } = keepPreviousVersions(before, next, present);
    this.shelves.set(guildId, { library });
    return { changes: diffLibraries(before, library, kept), problems: next.problems };
  }

  /** Calls `listener` with each library swapped in (what a face derives from it, such as button keys, follows). */
  onSwap(listener: (kb: KnowledgeBase) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reload(): Promise<ReloadOutcome> {
    if (this.running === undefined) {
      this.running = this.readAndSwap().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // One more pass after the running one sees every change made meanwhile; asking again joins that pass.
    this.again ??= this.running.then(() => {
      this.again = undefined;
      return this.reload();
    });
    return this.again;
  }

  private async readAndSwap(): Promise<ReloadOutcome> {
    const started = performance.now();
    const before = this.serving.library;
    const next = await loadLibrary(this.dir);
    const present = new Set([...next.articles.map((a) => a.file), ...next.problems.map((p) => p.file)]);
    const { library, kept } = keepPreviousVersions(before, next, present);
    if (library.articles.length === 0) {
      return {
        kind: 'kept',
        reason: describeIssue(next.problems.find((p) => p.file === '.')?.issue ?? { code: 'no-usable-article' }),
      };
    }
    const changes = await finishGradually(diffSteps(before, library, kept));
    if (hasChanges(changes) || library.version !== before.version) {
      const kb = await KnowledgeBase.build(library, { offThread: 'auto', ...this.options });
      kb.prepareFacts();
      this.serving = kb;
      for (const listener of this.listeners) listener(kb);
    }
    return { kind: 'reloaded', changes, ms: Math.round(performance.now() - started) };
  }
}

/** What /library gets: the folder and rules of the config, and the holder to serve a change at once. */
export function libraryControlOf(
  holder: LibraryHolder,
  config: Pick<Config, 'knowledgeDir' | 'ingestAllowPrivate' | 'libraryOwnerIds' | 'libraryAddsPerHour'>,
): LibraryControl {
  return {
    knowledgeDir: config.knowledgeDir,
    allowPrivate: config.ingestAllowPrivate,
    ownerIds: config.libraryOwnerIds,
    addsPerHour: config.libraryAddsPerHour,
    shelfArticles: (guildId) => holder.shelfArticles(guildId),
    refreshShelf: async (guildId) => {
      await holder.reloadShelf(guildId);
    },
    refreshShared: async () => {
      await holder.reload();
    },
  };
}
