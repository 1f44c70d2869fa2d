import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { AliasGroup } from '../../src/core/knowledge/aliases.js';
import { PassageCatalog } from '../../src/core/knowledge-base.js';
import { SearchIndex } from '../../src/core/search/search-index.js';
import type { Passage } from '../../src/core/types.js';
import type { Corpus } from './corpus.js';

export type EngineName = 'footnote' | 'fuse.js' | 'minisearch';
export const ENGINE_NAMES: readonly EngineName[] = ['footnote', 'fuse.js', 'minisearch'];

/** Results per request, as in production: five passages for `/ask`, twenty-five suggestions for autocomplete. */
export const ASK_LIMIT = 5;
export const AUTOCOMPLETE_LIMIT = 25;

/** A built engine: the ids of the passages it returns, best first. */
export interface BuiltEngine {
  ask(query: string): readonly string[];
  autocomplete(prefix: string): readonly string[];
}

export interface Engine {
  readonly name: EngineName;
  build(corpus: Corpus, aliases: readonly AliasGroup[]): BuiltEngine | Promise<BuiltEngine>;
  /** The same engine built on the calling thread only, where `build` may use more. */
  buildOnOneThread?(corpus: Corpus, aliases: readonly AliasGroup[]): BuiltEngine;
}

const idsOf = (outcome: ReturnType<SearchIndex['search']>): string[] =>
  outcome.kind === 'answer' || outcome.kind === 'weak' ? outcome.hits.map((h) => h.passage.id) : [];

/** Footnote's SearchIndex, built and called exactly as the bot builds it and as `/ask` and its autocomplete call it. */
export const footnoteEngine: Engine = {
  name: 'footnote',
  async build(corpus, aliases) {
    return searchOf(await SearchIndex.build(new PassageCatalog(corpus.articles), aliases));
  },
  buildOnOneThread(corpus, aliases) {
    return searchOf(new SearchIndex(new PassageCatalog(corpus.articles), aliases));
  },
};

function searchOf(index: SearchIndex): BuiltEngine {
  return {
    ask: (query) => idsOf(index.search(query, { limit: ASK_LIMIT })),
    autocomplete: (prefix) =>
      idsOf(index.search(prefix, { limit: AUTOCOMPLETE_LIMIT, prefixLast: true, rerank: false })),
  };
}

/** Plain fuse.js with its default options over the passage text: the baseline of every comparison in the project. */
export const fuseEngine: Engine = {
  name: 'fuse.js',
  build(corpus) {
    const fuse = new Fuse(corpus.passages, { keys: ['text'] });
    return {
      ask: (query) => fuse.search(query, { limit: ASK_LIMIT }).map((r) => r.item.id),
      autocomplete: (prefix) => fuse.search(prefix, { limit: AUTOCOMPLETE_LIMIT }).map((r) => r.item.id),
    };
  },
};

/**
 * MiniSearch as its README suggests for search-as-you-type: default tokenizer and BM25, fuzzy matching within
 * 20 % of a word's length and prefix matching on every word. Without fuzzy and prefix it would not tolerate the
 * typos and half-typed words the queries hold, and the comparison of quality would be unfair to it.
 */
export const minisearchEngine: Engine = {
  name: 'minisearch',
  build(corpus) {
    const search = new MiniSearch<Passage>({ fields: ['text'], searchOptions: { fuzzy: 0.2, prefix: true } });
    search.addAll(corpus.passages);
    return {
      ask: (query) =>
        search
          .search(query)
          .slice(0, ASK_LIMIT)
          .map((r) => String(r.id)),
      autocomplete: (prefix) =>
        search
          .search(prefix)
          .slice(0, AUTOCOMPLETE_LIMIT)
          .map((r) => String(r.id)),
    };
  },
};

export const ENGINES: readonly Engine[] = [footnoteEngine, fuseEngine, minisearchEngine];
