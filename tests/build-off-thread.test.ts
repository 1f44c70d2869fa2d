import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryHolder } from '../src/app/library-holder.js';
import { extractLibraryFacts } from '../src/core/facts/index.js';
import { packArticles, unpackArticles } from '../src/core/knowledge/pack.js';
import { type Library, loadLibrary } from '../src/core/knowledge/load.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import type { SearchOutcome, SnapshotEvent } from '../src/core/search/search-index.js';
import { generateCorpus } from '../tools/bench/corpus.js';
import { writeCorpus } from '../tools/bench/write-corpus.js';
import { longestPauseDuring } from './pause.js';

const REPO = path.resolve(import.meta.dirname, '..');
const QUERIES = [
  'how much has China invested in Belarus?',
  'Polonez',
  'Lukashenko neutrality Ukraine',
  'telescpe',
  'great stone industrial park',
];

const ids = (outcome: SearchOutcome): string[] =>
  outcome.kind === 'answer' || outcome.kind === 'weak'
    ? outcome.hits.map((h) => `${h.passage.id} ${h.score.toFixed(6)} ${h.excerpt.text}`)
    : [outcome.kind];

let seed: Library;
let large: Library;
const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-offthread-'));
  dirs.push(dir);
  return dir;
};
beforeAll(async () => {
  seed = await loadLibrary(path.join(REPO, 'knowledge'));
  const articles = generateCorpus({ passages: 2_500, shape: 'mixed', seed: seed.articles }).articles;
  large = { ...seed, articles, version: 'large' };
});
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('articles packed for a worker thread', () => {
  it('come back passage for passage: ids, paragraphs, sections, text, lines and sentences', () => {
    for (const articles of [seed.articles, large.articles]) {
      const back = unpackArticles(packArticles(articles));
      expect(back.map((a) => [a.slug, a.file, a.meta])).toEqual(articles.map((a) => [a.slug, a.file, a.meta]));
      const flat = (list: typeof articles) =>
        list.flatMap((a) =>
          a.passages.map((p) => [p.id, p.articleSlug, p.paragraph, p.section, p.text, p.line, p.sentences]),
        );
      expect(flat(back)).toEqual(flat(articles));
    }
  });

  it('include an empty library and an article without sections', () => {
    expect(unpackArticles(packArticles([]))).toEqual([]);
    const article = seed.articles[0]!;
    const bare = { ...article, passages: article.passages.map(({ section: _, ...p }) => p) };
    expect(unpackArticles(packArticles([bare as typeof article]))[0]!.passages[0]!.section).toBeUndefined();
  });
});

describe('a library built on a worker thread', () => {
  it('answers every question exactly as one built on this thread, and has the same facts', async () => {
    const here = await KnowledgeBase.build(large);
    const there = await KnowledgeBase.build(large, { offThread: 'always' });
    for (const query of QUERIES) {
      expect(ids(there.index.search(query))).toEqual(ids(here.index.search(query)));
      expect(ids(there.index.search(query.slice(0, 7), { prefixLast: true }))).toEqual(
        ids(here.index.search(query.slice(0, 7), { prefixLast: true })),
      );
    }
    expect(await there.facts()).toEqual(extractLibraryFacts(large.articles, large.aliases));
  });

  it('is built on this thread, with the same answers, when the worker cannot start', async () => {
    const missing = pathToFileURL(path.join(REPO, 'tests', 'no-such-worker.js')).href;
    const kb = await KnowledgeBase.build(seed, { offThread: 'always', libraryWorkerEntry: missing });
    const here = await KnowledgeBase.build(seed);
    for (const query of QUERIES) expect(ids(kb.index.search(query))).toEqual(ids(here.index.search(query)));
    expect(await kb.facts()).toEqual(extractLibraryFacts(seed.articles, seed.aliases));
  });

  it('writes the snapshot, which the next start loads instead of building', async () => {
    const dir = await tempDir();
    const events: SnapshotEvent[] = [];
    const written = new Promise<void>((resolve) => {
      const onEvent = (event: SnapshotEvent): void => {
        events.push(event);
        if (event.kind === 'written' || event.kind === 'write-failed') resolve();
      };
      void KnowledgeBase.build(large, { offThread: 'always', snapshot: { dir, onEvent } });
    });
    await written;
    expect(events.map((e) => e.kind)).toEqual(['missing', 'written']);
    const later: SnapshotEvent[] = [];
    const loaded = await KnowledgeBase.build(large, { snapshot: { dir, onEvent: (e) => later.push(e) } });
    expect(later.map((e) => e.kind)).toEqual(['loaded']);
    const here = await KnowledgeBase.build(large);
    for (const query of QUERIES) expect(ids(loaded.index.search(query))).toEqual(ids(here.index.search(query)));
  });
});

describe('a reload of a large shared library', () => {
  it('never holds this thread for long: the longest pause is a small part of building the library here', async () => {
    const dir = await tempDir();
    const articles = generateCorpus({ passages: 8_000, shape: 'mixed', seed: seed.articles }).articles;
    await writeCorpus(dir, articles);
    const kb = await KnowledgeBase.load(dir);
    const started = performance.now();
    await KnowledgeBase.build(kb.library);
    const buildHere = performance.now() - started;

    const holder = new LibraryHolder(dir, kb);
    const files = (await readdir(dir)).sort();
    await appendFile(path.join(dir, files[0]!), '\nA new closing paragraph about the Great Stone park.\n');
    const { value: outcome, longestPause } = await longestPauseDuring(() => holder.reload());
    expect(outcome.kind === 'reloaded' && outcome.changes.changed).toEqual([files[0]]);
    expect(holder.current.index.search('new closing paragraph Great Stone').kind).toBe('answer');
    await holder.current.facts();
    // On this thread the build held it for most of `buildHere`; on the worker only packing and decoding land here.
    expect(longestPause).toBeLessThan(buildHere / 3);
  }, 60_000);
});
