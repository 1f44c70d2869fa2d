import Fuse from 'fuse.js';
import { normalizeText } from '../normalize.js';
import { SEARCH_DEFAULTS } from './defaults.js';

/**
 * Fuzzy lookup in a small collection by name (the articles, by title, slug and author), with fuse.js: what a
 * person types into an `article` option, finished or not, spelt right or not. Scores are fuse.js's Bitap scores
 * without its field-length norm, so a score is the share of a word's characters that are wrong.
 */
export class NameMatcher<T> {
  private readonly names: readonly string[];
  private readonly fuse: Fuse<{ readonly name: string }>;

  /** `nameOf` gives everything an item is known by, as one line (it is normalised here). */
  constructor(
    private readonly items: readonly T[],
    nameOf: (item: T) => string,
  ) {
    this.names = items.map((item) => normalizeText(nameOf(item)));
    this.fuse = new Fuse(
      this.names.map((name) => ({ name })),
      SEARCH_DEFAULTS.nameFuse,
    );
  }

  /**
   * The items whose name holds every word of `text`, each word as it is or within fuse.js's threshold: first those
   * that hold every word as it is, in collection order, then the others, best first. An empty text matches all.
   */
  matchWords(text: string): T[] {
    const words = normalizeText(text).split(/\s+/).filter(Boolean);
    if (words.length === 0) return [...this.items];
    let scores: Map<number, number> | undefined;
    for (const word of words) {
      const next = new Map<number, number>();
      for (const { refIndex, score } of this.fuse.search(word)) {
        const before = scores === undefined ? 1 : scores.get(refIndex);
        if (before !== undefined) next.set(refIndex, before * (score ?? 1));
      }
      scores = next;
    }
    const exact = (index: number): boolean => words.every((word) => this.names[index]!.includes(word));
    return [...scores!]
      .map(([index, score]) => ({ index, score, exact: exact(index) }))
      .sort((a, b) => Number(b.exact) - Number(a.exact) || (a.exact ? 0 : a.score - b.score) || a.index - b.index)
      .map(({ index }) => this.items[index]!);
  }

  /**
   * The one item whose name holds `text` as a whole with at most `nameResolveScore` of its characters wrong, and
   * nearer than any other; undefined when none is, or two are as near.
   */
  bestMatch(text: string): T | undefined {
    const wanted = normalizeText(text).trim();
    if (wanted === '') return undefined;
    const [first, second] = this.fuse
      .search(wanted)
      .filter((r) => (r.score ?? 1) <= SEARCH_DEFAULTS.nameResolveScore)
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1));
    if (first === undefined || (second !== undefined && second.score === first.score)) return undefined;
    return this.items[first.refIndex];
  }
}
