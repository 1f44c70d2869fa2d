import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../tools/bench/corpus.js';
import { loadLibrary, type Library } from '../src/core/knowledge/load.js';
import { buildForward, buildForwardOnThisThread, forwardInputOf } from '../src/core/search/parallel-build.js';
import { SEARCH_DEFAULTS, SearchIndex, type SearchOutcome } from '../src/core/search/search-index.js';
import { typoDeletes } from '../src/core/search/typo-index.js';
import { PassageCatalog } from '../src/core/knowledge-base.js';
import type { Article } from '../src/core/types.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let library: Library;
let articles: readonly Article[];
beforeAll(async () => {
  library = await loadLibrary(path.join(REPO, 'knowledge'));
  // A mixed library with the seed planted in it, so that the worker's part holds words the main thread's part
  // also has (term ids to map) and words of its own (terms to add).
  articles = generateCorpus({ passages: 3_000, shape: 'mixed', seed: library.articles }).articles;
});

const ids = (outcome: SearchOutcome): string[] =>
  outcome.kind === 'answer' || outcome.kind === 'weak'
    ? outcome.hits.map((h) => `${h.passage.id} ${h.score.toFixed(6)}`)
    : [outcome.kind];

describe('building the index on two threads', () => {
  it('gives the forward index and vocabulary one thread gives, term ids included', async () => {
    const input = forwardInputOf(articles, SEARCH_DEFAULTS.contextTf);
    const one = buildForwardOnThisThread(input);
    const two = await buildForward(input, { parallel: 'always' });
    expect(two.threads).toBe(2);
    expect(Array.from(two.forward.docStart)).toEqual(Array.from(one.forward.docStart));
    expect(Array.from(two.forward.docTerms)).toEqual(Array.from(one.forward.docTerms));
    expect(Array.from(two.forward.docTfs)).toEqual(Array.from(one.forward.docTfs));
    expect(Array.from(two.forward.docLength)).toEqual(Array.from(one.forward.docLength));
    expect(two.vocabulary.terms).toEqual(one.vocabulary.terms);
    expect(two.vocabulary.surfaces).toEqual(one.vocabulary.surfaces);
    expect(two.vocabulary.surfaceTerms).toEqual(one.vocabulary.surfaceTerms);
    expect([...two.vocabulary.surfaceIds]).toEqual([...one.vocabulary.surfaceIds]);
  });

  it('has the worker make the typo index of the whole vocabulary, as this thread makes it', async () => {
    const two = await buildForward(forwardInputOf(articles, SEARCH_DEFAULTS.contextTf), { parallel: 'always' });
    const fromWorker = await two.typoFromWorker;
    expect(fromWorker).toBeDefined();
    expect(Array.from(fromWorker!)).toEqual(Array.from(typoDeletes(two.vocabulary.surfaces)));
  });

  it('answers every question exactly as the index built on one thread does', async () => {
    const one = new SearchIndex(new PassageCatalog(articles), library.aliases);
    const two = await SearchIndex.build(new PassageCatalog(articles), library.aliases, { parallel: 'always' });
    for (const query of [
      'how much has China invested in Belarus?',
      'Polonez',
      'Lukashenko neutrality Ukraine',
      'telescpe',
      'great stone industrial park',
    ]) {
      expect(ids(two.search(query))).toEqual(ids(one.search(query)));
      expect(ids(two.search(query.slice(0, 8), { prefixLast: true, rerank: false }))).toEqual(
        ids(one.search(query.slice(0, 8), { prefixLast: true, rerank: false })),
      );
    }
  });

  it('builds the worker’s part on this thread when the worker cannot start, with the same result', async () => {
    const input = forwardInputOf(articles, SEARCH_DEFAULTS.contextTf);
    const missing = pathToFileURL(path.join(REPO, 'tests', 'no-such-worker.js')).href;
    const fallback = await buildForward(input, { parallel: 'always', workerEntry: missing });
    expect(fallback.threads).toBe(1);
    const one = buildForwardOnThisThread(input);
    expect(Array.from(fallback.forward.docTerms)).toEqual(Array.from(one.forward.docTerms));
    expect(fallback.vocabulary.terms).toEqual(one.vocabulary.terms);
    expect(fallback.typoFromWorker).toBeUndefined();
  });

  it('makes the typo index on this thread when the worker dies before making it, with the same answers', async () => {
    const dying = pathToFileURL(path.join(REPO, 'tests', 'fixtures', 'worker-without-typo.ts')).href;
    const built = await buildForward(forwardInputOf(articles, SEARCH_DEFAULTS.contextTf), {
      parallel: 'always',
      workerEntry: dying,
    });
    expect(built.threads).toBe(2);
    expect(await built.typoFromWorker).toBeUndefined();
    const one = new SearchIndex(new PassageCatalog(articles), library.aliases);
    const two = await SearchIndex.build(new PassageCatalog(articles), library.aliases, {
      parallel: 'always',
      workerEntry: dying,
    });
    for (const query of ['telescpe', 'Polonez']) expect(ids(two.search(query))).toEqual(ids(one.search(query)));
    expect(ids(two.search('Lukash', { prefixLast: true }))).toEqual(ids(one.search('Lukash', { prefixLast: true })));
  });

  it('stays on one thread for a small library unless asked, and when told to', async () => {
    const seed = forwardInputOf(library.articles, SEARCH_DEFAULTS.contextTf);
    expect((await buildForward(seed)).threads).toBe(1);
    expect((await buildForward(seed, { parallel: 'always' })).threads).toBe(2);
    expect(
      (await buildForward(forwardInputOf(articles, SEARCH_DEFAULTS.contextTf), { parallel: 'never' })).threads,
    ).toBe(1);
  });
});
