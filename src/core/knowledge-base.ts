import {
  extractFactsOffThread,
  extractLibraryFacts,
  FACTS_OFF_THREAD_FROM,
  type Figure,
  type LibraryFacts,
  mergeFacts,
  type TimelineEvent,
} from './facts/index.js';
import { CombinedSearch, type PassageSearch } from './search/combine-results.js';
import { normalizeText } from './normalize.js';
import { type Library, loadLibrary } from './knowledge/load.js';
import { NameMatcher } from './search/match-names.js';
import { type IndexBuildOptions, SearchIndex } from './search/search-index.js';
import { buildOffThread } from './build-off-thread.js';
import type { PassageRange, PassageSource } from './search/types.js';
import type { Article, Passage } from './types.js';

/**
 * The library's articles and passages, and the one place they are looked up: by slug, by passage id, and by
 * passage number (its place in `passages`, library order), which is how the search index knows a passage.
 */
export class PassageCatalog implements PassageSource {
  readonly passages: readonly Passage[];
  private readonly bySlug = new Map<string, { readonly article: Article; readonly first: number }>();

  constructor(readonly articles: readonly Article[]) {
    const passages: Passage[] = [];
    for (const article of articles) {
      this.bySlug.set(article.slug, { article, first: passages.length });
      // One at a time: spreading an article of a hundred thousand passages into push() would overflow the stack.
      for (const passage of article.passages) passages.push(passage);
    }
    this.passages = passages;
  }

  article(slug: string): Article | undefined {
    return this.bySlug.get(slug)?.article;
  }

  articleOf(passage: Passage): Article {
    return this.bySlug.get(passage.articleSlug)!.article;
  }

  /** The passage of an id, `<slug>#<paragraph>`: paragraph n is the nth passage of its article (see blocks.ts). */
  passage(id: string): Passage | undefined {
    const hash = id.lastIndexOf('#');
    const paragraph = Number(id.slice(hash + 1));
    if (hash < 0 || !Number.isInteger(paragraph) || paragraph < 1) return undefined;
    const passage = this.article(id.slice(0, hash))?.passages[paragraph - 1];
    return passage?.id === id ? passage : undefined;
  }

  passageRange(slug: string): PassageRange | undefined {
    const entry = this.bySlug.get(slug);
    return entry && { from: entry.first, to: entry.first + entry.article.passages.length };
  }
}

export interface KnowledgeBuildOptions extends IndexBuildOptions {
  /**
   * `auto`: index the library and read its facts on a worker thread when it has at least `OFF_THREAD_FROM` passages,
   * so that a process serving answers meanwhile (a reload) is not paused; `never` (the default): on this thread,
   * with a second one for a large library, which is sooner when nothing else waits (a start-up, a script).
   */
  readonly offThread?: 'auto' | 'always' | 'never';
  /** The off-thread build's worker module, as a URL (tests point it at a missing one to see the fallback). */
  readonly libraryWorkerEntry?: string;
}

/** Below this a build pauses answers for less than about 100 ms, less than a worker takes to start. */
export const OFF_THREAD_FROM = 2_000;

/**
 * A loaded library and everything derived from it, built once at start-up and shared by every command.
 * Immutable: reloading means building a new one.
 */
export class KnowledgeBase {
  /** Searches every passage: one index, or for a shelf served with the shared library, both ranked as one. */
  readonly index: PassageSearch;
  /** The index of this library's own passages, whose statistics a shelf searched beside it borrows. */
  private readonly ownIndex: SearchIndex | undefined;
  private readonly readFacts: (() => Promise<LibraryFacts>) | undefined;
  private readonly catalog: PassageCatalog;
  private readonly articleNames: NameMatcher<Article>;
  private factsRead: LibraryFacts | undefined;
  private factsReading: Promise<LibraryFacts> | undefined;

  /**
   * `built` holds the catalog and the search index made from it when they were built already (see `build`);
   * otherwise both are built here, the index on this thread.
   */
  constructor(
    readonly library: Library,
    built?: {
      readonly catalog: PassageCatalog;
      readonly index: SearchIndex | CombinedSearch;
      readonly facts?: () => Promise<LibraryFacts>;
    },
  ) {
    this.catalog = built?.catalog ?? new PassageCatalog(library.articles);
    this.index = built?.index ?? new SearchIndex(this.catalog, library.aliases);
    this.ownIndex = this.index instanceof SearchIndex ? this.index : undefined;
    this.readFacts = built?.facts;
    this.articleNames = new NameMatcher(library.articles, (a) => `${a.meta.title} ${a.slug} ${a.meta.author ?? ''}`);
  }

  /** Reads the library in `dir` and builds its index (a large one on two threads), or loads it from a snapshot. */
  static async load(dir: string, options: KnowledgeBuildOptions = {}): Promise<KnowledgeBase> {
    return KnowledgeBase.build(await loadLibrary(dir), options);
  }

  /**
   * The knowledge base of a library read already, its index built on two threads when it is large, or loaded from
   * `options.snapshot` when one was made for the same passages by the same code; with `offThread`, on a worker.
   */
  static async build(library: Library, options: KnowledgeBuildOptions = {}): Promise<KnowledgeBase> {
    const catalog = new PassageCatalog(library.articles);
    const mode = options.offThread ?? 'never';
    if (mode === 'always' || (mode === 'auto' && catalog.passages.length >= OFF_THREAD_FROM)) {
      const built = await buildOffThread(library.articles, library.aliases, options, options.libraryWorkerEntry);
      if (built !== undefined) {
        const facts = (): Promise<LibraryFacts> =>
          built.facts.catch(() => extractFactsOffThread(library.articles, library.aliases));
        return new KnowledgeBase(library, {
          catalog,
          index: new SearchIndex(catalog, library.aliases, built.parts),
          facts,
        });
      }
    }
    return new KnowledgeBase(library, { catalog, index: await SearchIndex.build(catalog, library.aliases, options) });
  }

  /**
   * The shared library and one server's shelf served as one library: every lookup sees both, and a search ranks
   * both together (see `combineResults`). Only the shelf is indexed here, with the shared library's term statistics
   * beside its own, so this takes milliseconds for a shelf whatever the shared library's size; the shared library's
   * index and facts are used as they are. A shelf article whose slug the shared library uses already is left out
   * (the shared one is served).
   */
  static withShelf(shared: KnowledgeBase, shelf: Library): KnowledgeBase {
    if (shared.ownIndex === undefined) throw new Error('a shelf is served beside the shared library only');
    const own = shelf.articles.filter((article) => shared.article(article.slug) === undefined);
    const shelfCatalog = new PassageCatalog(own);
    const shelfIndex = new SearchIndex(shelfCatalog, shelf.aliases, undefined, shared.ownIndex.statistics);
    const articles = [...shared.articles, ...own];
    const library: Library = {
      dir: shelf.dir,
      articles,
      aliases: [...shared.library.aliases, ...shelf.aliases],
      problems: shelf.problems,
      version: `${shared.version}+${shelf.version}`,
    };
    const shelfFacts = (): LibraryFacts => extractLibraryFacts(own, shelf.aliases);
    return new KnowledgeBase(library, {
      catalog: new PassageCatalog(articles),
      index: new CombinedSearch([shared.index, shelfIndex]),
      facts: () => shared.facts().then((facts) => mergeFacts(facts, shelfFacts())),
    });
  }

  get articles(): readonly Article[] {
    return this.library.articles;
  }

  /** Every passage of every article, in library order. */
  get passages(): readonly Passage[] {
    return this.catalog.passages;
  }

  get version(): string {
    return this.library.version;
  }

  /**
   * The library's events, figures and names, read once. A large library is read on a worker thread, so the first
   * `/timeline` does not pause every other answer; the faces start it when the library is loaded.
   */
  facts(): Promise<LibraryFacts> {
    if (this.factsRead !== undefined) return Promise.resolve(this.factsRead);
    if (this.passages.length < FACTS_OFF_THREAD_FROM) return Promise.resolve(this.factsNow());
    const read = this.readFacts ?? (() => extractFactsOffThread(this.articles, this.library.aliases));
    this.factsReading ??= read().then((facts) => {
      this.factsRead ??= facts;
      return this.factsRead;
    });
    return this.factsReading;
  }

  /**
   * Starts reading the facts in the background, for a face that serves the library for a while (the bot, the
   * console); a failure is left for the command that needs the facts to report.
   */
  prepareFacts(): void {
    this.facts().catch(() => undefined);
  }

  /** The facts, read on this thread if no worker has brought them yet: for scripts and tests, not for the faces. */
  factsNow(): LibraryFacts {
    this.factsRead ??= extractLibraryFacts(this.articles, this.library.aliases);
    return this.factsRead;
  }

  /** The facts if they are read already: what autocomplete, which cannot wait, may use. */
  get factsIfRead(): LibraryFacts | undefined {
    if (this.factsRead !== undefined || this.passages.length < FACTS_OFF_THREAD_FROM) return this.factsNow();
    if (this.readFacts !== undefined) this.prepareFacts();
    return undefined;
  }

  /** Every dated event of every article, in chronological order. */
  get events(): readonly TimelineEvent[] {
    return this.factsNow().events;
  }

  /** Every money amount and count of every article, in article order. */
  get figures(): readonly Figure[] {
    return this.factsNow().figures;
  }

  article(slug: string): Article | undefined {
    return this.catalog.article(slug);
  }

  articleOf(passage: Passage): Article {
    return this.catalog.articleOf(passage);
  }

  /** The passage of an id, `<slug>#<paragraph>`. */
  passage(id: string): Passage | undefined {
    return this.catalog.passage(id);
  }

  /** The paragraphs around one, in article order: what "Show context" shows. */
  neighbours(passage: Passage, radius = 1): Passage[] {
    const passages = this.articleOf(passage).passages;
    const at = passage.paragraph - 1;
    return passages.slice(Math.max(0, at - radius), at + radius + 1);
  }

  /**
   * Resolves what a person typed for an article (its slug, its title, or a part of either) to one article; failing
   * those, the one article whose name fuse.js finds nearest to it (a misspelt title). Autocomplete offers slugs, but
   * free text must work too.
   */
  resolveArticle(text: string): Article | undefined {
    const wanted = normalizeText(text).trim();
    if (wanted === '') return undefined;
    const exact = this.article(wanted);
    if (exact) return exact;
    const matches = this.articles.filter(
      (a) =>
        normalizeText(a.meta.title) === wanted ||
        normalizeText(a.meta.title).includes(wanted) ||
        a.slug.includes(wanted.replace(/\s+/g, '-')),
    );
    if (matches.length === 0) return this.articleNames.bestMatch(wanted);
    return matches.length === 1 ? matches[0] : matches.find((a) => normalizeText(a.meta.title) === wanted);
  }

  /**
   * Articles whose title, slug or author holds every word typed, as typed or misspelt (fuse.js), for the `article`
   * autocomplete: those that hold every word as typed first, in library order.
   */
  matchArticles(text: string): Article[] {
    return this.articleNames.matchWords(text);
  }
}
