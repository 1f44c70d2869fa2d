import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { nameChoices, timeline } from '../commands/timeline.js';
import { extractLibraryFacts, FACTS_OFF_THREAD_FROM } from '../src/core/facts/index.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { longestPauseDuring } from './pause.js';

const NEWS = path.resolve(import.meta.dirname, 'fixtures/news-library');

/** The news fixtures copied until the library is past the size whose facts are read on a worker thread. */
async function largeNewsLibrary(dir: string): Promise<KnowledgeBase> {
  const names = (await readdir(NEWS)).filter((name) => name.endsWith('.md'));
  const texts = await Promise.all(names.map((name) => readFile(path.join(NEWS, name), 'utf8')));
  const perCopy = (await KnowledgeBase.load(NEWS)).passages.length;
  const copies = Math.ceil((FACTS_OFF_THREAD_FROM * 1.5) / perCopy);
  for (let copy = 0; copy < copies; copy++)
    for (const [i, name] of names.entries()) await writeFile(path.join(dir, `copy${copy}-${name}`), texts[i]!);
  return KnowledgeBase.load(dir);
}

describe('the facts of a large library', () => {
  let dir: string;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-facts-'));
    kb = await largeNewsLibrary(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are what reading them on this thread gives', async () => {
    expect(kb.passages.length).toBeGreaterThanOrEqual(FACTS_OFF_THREAD_FROM);
    const fresh = await KnowledgeBase.build(kb.library);
    expect(await fresh.facts()).toEqual(extractLibraryFacts(kb.articles, kb.library.aliases));
  });

  it('are read without pausing this thread for as long as reading them here takes', async () => {
    const started = performance.now();
    extractLibraryFacts(kb.articles, kb.library.aliases);
    const inline = performance.now() - started;

    const fresh = await KnowledgeBase.build(kb.library);
    const { longestPause } = await longestPauseDuring(() => fresh.facts());
    // Only the copy of the result lands on this thread (a tenth of the reading when measured on 9,900 passages).
    expect(longestPause).toBeLessThan(inline / 2);
  });

  it('offer no `about:` names before they are read, then the names of the library', async () => {
    const fresh = await KnowledgeBase.build(kb.library);
    expect(nameChoices(fresh, 'arkon')).toEqual([]);
    await fresh.facts();
    expect(nameChoices(fresh, 'arkon').map((c) => c.value)).toContain('Arkon');
  });

  it('answer /timeline once read, the same as a small library of the same articles does', async () => {
    const small = await KnowledgeBase.load(NEWS);
    const reply = await timeline.execute({ options: { about: 'Arkon' } }, { kb, commands: COMMANDS });
    const alone = await timeline.execute({ options: { about: 'Arkon' } }, { kb: small, commands: COMMANDS });
    if (reply.kind !== 'list' || alone.kind !== 'list') throw new Error('expected two lists');
    expect(reply.items.length).toBeGreaterThan(0);
    // Each copy reports the same events, so they merge into the rows of one copy.
    expect(reply.items.length).toBe(alone.items.length);
  });
});
