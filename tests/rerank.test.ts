import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { misspell, spreadSample } from '../tools/bench/queries.js';
import { createRandom } from '../tools/bench/random.js';
import { PassageCatalog } from '../src/core/knowledge-base.js';
import { loadLibrary } from '../src/core/knowledge/load.js';
import { normalizeText } from '../src/core/normalize.js';
import { scoreWithFuse } from '../src/core/search/rerank.js';
import type { Slot } from '../src/core/search/types.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let catalog: PassageCatalog;
beforeAll(async () => {
  catalog = new PassageCatalog((await loadLibrary(path.join(REPO, 'knowledge'))).articles);
});

const slotOf = (word: string, idf = 1): Slot => ({ alternatives: [], idf, words: [word] });

describe('re-ranking by fuse.js', () => {
  it('gives each passage, for a query word, 1 − the best score fuse.js gives one of its sentences', () => {
    // The options are written out here, not read from SEARCH_DEFAULTS: a change to them must show in this test.
    const options = {
      keys: ['text'],
      ignoreLocation: true,
      includeScore: true,
      threshold: 0.34,
      minMatchCharLength: 3,
    };
    const records = catalog.passages.flatMap((p, doc) =>
      p.sentences.map((s) => ({ doc, text: normalizeText(s.text) })),
    );
    const fuse = new Fuse(records, options);
    const random = createRandom(11);
    const words = records.flatMap((r) => r.text.split(/\s+/)).filter((w) => w.length >= 3);
    const patterns = [
      ...spreadSample(words, 40),
      ...spreadSample(words, 40).map((w) => misspell(w, random)),
      'belarus china',
      'zzz',
      'the',
      'a pattern far longer than the thirty-two characters of a bitap word',
    ];
    const docs = catalog.passages.map((_, doc) => doc);
    for (const pattern of patterns) {
      const expected = new Map<number, number>();
      for (const { item, score } of fuse.search(pattern.slice(0, 32)))
        expected.set(item.doc, Math.max(expected.get(item.doc) ?? 0, 1 - score!));
      expect(scoreWithFuse(catalog, [slotOf(pattern)], docs), pattern).toEqual(expected);
    }
  });

  it('averages the query words by rarity, and leaves out words shorter than three characters', () => {
    const docs = catalog.passages.map((_, doc) => doc);
    const polonez = scoreWithFuse(catalog, [slotOf('polonez')], docs);
    const minsk = scoreWithFuse(catalog, [slotOf('minsk')], docs);
    const both = scoreWithFuse(catalog, [slotOf('polonez', 3), slotOf('minsk', 1), slotOf('xi', 5)], docs);
    expect(polonez.size).toBeGreaterThan(0);
    for (const doc of docs) {
      const expected = (3 * (polonez.get(doc) ?? 0) + (minsk.get(doc) ?? 0)) / 4;
      if (expected === 0) expect(both.has(doc)).toBe(false);
      else expect(both.get(doc)).toBeCloseTo(expected, 12);
    }
    expect(scoreWithFuse(catalog, [slotOf('xi')], docs).size).toBe(0);
  });
});
