import { cp, mkdtemp, readFile, rm, truncate, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary, type Library } from '../src/core/knowledge/load.js';
import { PassageCatalog } from '../src/core/knowledge-base.js';
import { SearchIndex, type SearchOutcome, type SnapshotEvent } from '../src/core/search/search-index.js';
import { indexFormatVersion, snapshotFile } from '../src/core/search/snapshot.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUERIES = ['who founded the company', 'revenue in 2019', 'fondation', 'acquisiton'];

let library: Library;
let catalog: PassageCatalog;
beforeAll(async () => {
  library = await loadLibrary(path.join(REPO, 'knowledge'));
  catalog = new PassageCatalog(library.articles);
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'footnote-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Builds (or loads) the index with a snapshot in `dir`, and waits for the snapshot written after a build. */
async function buildWithSnapshot(
  source: PassageCatalog,
  formatVersion?: string,
): Promise<{ index: SearchIndex; events: SnapshotEvent[] }> {
  const events: SnapshotEvent[] = [];
  let written: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (written = resolve));
  const index = await SearchIndex.build(source, library.aliases, {
    snapshot: {
      dir,
      ...(formatVersion !== undefined && { formatVersion }),
      onEvent: (event) => {
        events.push(event);
        if (event.kind === 'written' || event.kind === 'write-failed') written();
      },
    },
  });
  if (events[0]?.kind !== 'loaded') await done;
  return { index, events };
}

const answers = (index: SearchIndex): string[] =>
  QUERIES.map((q) => index.search(q)).map((o: SearchOutcome) =>
    o.kind === 'answer' || o.kind === 'weak' ? o.hits.map((h) => `${h.passage.id} ${h.score}`).join(',') : o.kind,
  );

describe('the index snapshot', () => {
  it('is written after a first build and loaded by the next, which answers exactly as a build does', async () => {
    const first = await buildWithSnapshot(catalog);
    expect(first.events.map((e) => e.kind)).toEqual(['missing', 'written']);
    const second = await buildWithSnapshot(catalog);
    expect(second.events.map((e) => e.kind)).toEqual(['loaded']);
    expect(answers(second.index)).toEqual(answers(new SearchIndex(catalog, library.aliases)));
  });

  it('is not loaded for other passages: the index is built and the snapshot replaced', async () => {
    await buildWithSnapshot(catalog);
    const fewer = new PassageCatalog(library.articles.slice(1));
    const rebuilt = await buildWithSnapshot(fewer);
    expect(rebuilt.events.map((e) => e.kind)).toEqual(['stale', 'written']);
    expect((await buildWithSnapshot(fewer)).events.map((e) => e.kind)).toEqual(['loaded']);
  });

  it('is not loaded by code of another index format version', async () => {
    await buildWithSnapshot(catalog, 'format-a');
    const other = await buildWithSnapshot(catalog, 'format-b');
    expect(other.events[0]).toMatchObject({ kind: 'stale' });
  });

  it.each([
    [
      'a flipped byte',
      async (file: string) => {
        const bytes = await readFile(file);
        bytes[bytes.length - 100]! ^= 0xff;
        await writeFile(file, bytes);
      },
      /checksum/,
    ],
    ['a truncated file', async (file: string) => truncate(file, (await readFile(file)).length - 8), /truncated/],
    ['bytes appended', async (file: string) => appendFile(file, 'x'), /truncated/],
    ['another file', async (file: string) => writeFile(file, 'not an index'), /magic/],
  ])('is reported corrupt after %s, and the index rebuilt', async (_name, damage, reason) => {
    await buildWithSnapshot(catalog);
    await damage(snapshotFile(dir));
    const rebuilt = await buildWithSnapshot(catalog);
    expect(rebuilt.events[0]).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(reason) });
    expect(rebuilt.events[1]?.kind).toBe('written');
    expect(answers(rebuilt.index)).toEqual(answers(new SearchIndex(catalog, library.aliases)));
  });
});

describe('the index format version', () => {
  it('changes when the tokeniser changes, and only then', async () => {
    const tree = path.join(dir, 'src');
    await cp(path.join(REPO, 'src/core'), tree, { recursive: true });
    const search = path.join(tree, 'search');
    const before = indexFormatVersion(search, '.ts');
    expect(indexFormatVersion(search, '.ts')).toBe(before);
    expect(before).toBe(indexFormatVersion(path.join(REPO, 'src/core/search'), '.ts'));
    await appendFile(path.join(tree, 'normalize.ts'), '\nexport const CHANGED_TOKENISER = true;\n');
    expect(indexFormatVersion(search, '.ts')).not.toBe(before);
  });
});
