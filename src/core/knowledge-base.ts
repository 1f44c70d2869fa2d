import { extractEvents, extractFigures, type Figure, sortEvents, type TimelineEvent } from './facts/index.js';
import { normalizeText } from './normalize.js';
import { type Library, loadLibrary } from './knowledge/load.js';
import { NameMatcher } from './search/match-names.js';
import type { ParallelBuildOptions } from './search/parallel-build.js';
import { SearchIndex } from './search/search-index.js';
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

/**
 * A loaded library and everything derived from it, built once at start-up and shared by every command.
 * Immutable: reloading means building a new one.
 */
export class KnowledgeBase {
  readonly index: SearchIndex;
  private readonly catalog: PassageCatalog;
  private readonly articleNames: NameMatcher<Article>;
  private eventCache: readonly TimelineEvent[] | undefined;
  private figureCache: readonly Figure[] | undefined;

  /**
   * `built` holds the catalog and the search index made from it when they were built already (see `build`);
   * otherwise both are built here, the index on this thread.
   */
  constructor(
    readonly library: Library,
    built?: { readonly catalog: PassageCatalog; readonly index: SearchIndex },
  ) {
    this.catalog = built?.catalog ?? new PassageCatalog(library.articles);
    this.index = built?.index ?? new SearchIndex(this.catalog, library.aliases);
    this.articleNames = new NameMatcher(library.articles, (a) => `${a.meta.title} ${a.slug} ${a.meta.author ?? ''}`);
  }

  /** Reads the library in `dir` and builds its index (a large one on two threads). */
  static async load(dir: string): Promise<KnowledgeBase> {
    return KnowledgeBase.build(await loadLibrary(dir));
  }

  /** The knowledge base of a library read already, its index built on two threads when it is large. */
  static async build(library: Library, options: ParallelBuildOptions = {}): Promise<KnowledgeBase> {
    const catalog = new PassageCatalog(library.articles);
    return new KnowledgeBase(library, { catalog, index: await SearchIndex.build(catalog, library.aliases, options) });
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

  /** Every dated event of every article, in chronological order; extracted on first use, then kept. */
  get events(): readonly TimelineEvent[] {
    this.eventCache ??= sortEvents(this.articles.flatMap(extractEvents));
    return this.eventCache;
  }

  /** Every money amount and count of every article, in article order. */
  get figures(): readonly Figure[] {
    this.figureCache ??= this.articles.flatMap(extractFigures);
    return this.figureCache;
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
