import { extractEvents, extractFigures, type Figure, sortEvents, type TimelineEvent } from './facts/index.js';
import { normalizeText } from './normalize.js';
import { type Library, loadLibrary } from './knowledge/load.js';
import { SearchIndex } from './search/search-index.js';
import type { Article, Passage } from './types.js';

/**
 * A loaded library and everything derived from it, built once at start-up and shared by every command.
 * Immutable: reloading means building a new one.
 */
export class KnowledgeBase {
  readonly index: SearchIndex;
  private readonly bySlug: ReadonlyMap<string, Article>;
  private eventCache: readonly TimelineEvent[] | undefined;
  private figureCache: readonly Figure[] | undefined;

  /** `index` is the library's search index when it was built already (see `load`); otherwise it is built here. */
  constructor(
    readonly library: Library,
    index?: SearchIndex,
  ) {
    this.index = index ?? new SearchIndex(library.articles, library.aliases);
    this.bySlug = new Map(library.articles.map((a) => [a.slug, a]));
  }

  /** Reads the library in `dir` and builds its index (a large one on two threads). */
  static async load(dir: string): Promise<KnowledgeBase> {
    const library = await loadLibrary(dir);
    return new KnowledgeBase(library, await SearchIndex.build(library.articles, library.aliases));
  }

  get articles(): readonly Article[] {
    return this.library.articles;
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
    return this.bySlug.get(slug);
  }

  articleOf(passage: Passage): Article {
    return this.bySlug.get(passage.articleSlug)!;
  }

  passage(id: string): Passage | undefined {
    return this.index.passageById(id);
  }

  /** The paragraphs around one, in article order: what "Show context" shows. */
  neighbours(passage: Passage, radius = 1): Passage[] {
    const passages = this.articleOf(passage).passages;
    const at = passage.paragraph - 1;
    return passages.slice(Math.max(0, at - radius), at + radius + 1);
  }

  /**
   * Resolves what a person typed for an article (its slug, its title, or a part of either) to one article.
   * Autocomplete offers slugs, but free text must work too.
   */
  resolveArticle(text: string): Article | undefined {
    const wanted = normalizeText(text).trim();
    if (wanted === '') return undefined;
    const exact = this.bySlug.get(wanted);
    if (exact) return exact;
    const matches = this.articles.filter(
      (a) =>
        normalizeText(a.meta.title) === wanted ||
        normalizeText(a.meta.title).includes(wanted) ||
        a.slug.includes(wanted.replace(/\s+/g, '-')),
    );
    return matches.length === 1 ? matches[0] : matches.find((a) => normalizeText(a.meta.title) === wanted);
  }

  /** Articles whose title or slug contains every word typed, for the `article` autocomplete. */
  matchArticles(text: string): Article[] {
    const words = normalizeText(text).split(/\s+/).filter(Boolean);
    return this.articles.filter((a) => {
      const haystack = `${normalizeText(a.meta.title)} ${a.slug} ${normalizeText(a.meta.author ?? '')}`;
      return words.every((w) => haystack.includes(w));
    });
  }
}
