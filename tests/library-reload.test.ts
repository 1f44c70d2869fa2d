import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { LibraryHolder, type ReloadOutcome } from '../src/app/library-holder.js';
import { concernsSharedLibrary, describeChanges, logReload, watchKnowledge } from '../src/app/watch-knowledge.js';
import { runConsole } from '../src/console/repl.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { createLogger } from '../src/log.js';

let dir: string;
const article = (title: string, ...paragraphs: string[]): string =>
  `---\ntitle: ${title}\n---\n${paragraphs.join('\n\n')}\n`;
const write = (name: string, text: string): Promise<void> => writeFile(path.join(dir, name), text);

async function holderOf(): Promise<LibraryHolder> {
  return new LibraryHolder(dir, await KnowledgeBase.load(dir));
}

function reloaded(outcome: ReloadOutcome) {
  if (outcome.kind !== 'reloaded') throw new Error(`expected a reload, got ${JSON.stringify(outcome)}`);
  return outcome.changes;
}

function lines(): { logger: ReturnType<typeof createLogger>; text: () => string } {
  const written: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line) => void written.push(line) } });
  return { logger, text: () => written.join('') };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'footnote-reload-'));
  await write('tides.md', article('Tides', 'The tide turns twice a day.', 'Spring tides follow the full moon.'));
  await write('swifts.md', article('Swifts', 'Swifts return in May.'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reloading the library', () => {
  it('swaps in the new library and says what was added, changed and removed, with passages before and after', async () => {
    const holder = await holderOf();
    const before = holder.current;
    await write('harbours.md', article('Harbours', 'Harbours silt up.', 'Dredging costs money.', 'Ports move.'));
    await write(
      'tides.md',
      article('Tides', 'The tide turns twice a day, or so they say.', 'Spring tides follow the full moon.'),
    );
    await unlink(path.join(dir, 'swifts.md'));

    const changes = reloaded(await holder.reload());
    expect(changes).toEqual({
      added: ['harbours.md'],
      changed: ['tides.md'],
      removed: ['swifts.md'],
      kept: [],
      passagesBefore: 3,
      passagesAfter: 5,
    });
    expect(describeChanges(changes)).toBe(
      'library reloaded: added harbours.md; changed tides.md; removed swifts.md; passages 3 → 5',
    );
    expect(holder.current).not.toBe(before);
    expect(holder.current.articles.map((a) => a.slug)).toEqual(['harbours', 'tides']);
    expect(holder.current.index.search('dredging').kind).toBe('answer');
    // An answer that started on the old library finishes on it: the old one is untouched.
    expect(before.articles.map((a) => a.slug)).toEqual(['swifts', 'tides']);
    expect(before.index.search('swifts return').kind).toBe('answer');
  });

  it('keeps serving the previous version of a changed file that fails validation, with a warning naming it', async () => {
    const holder = await holderOf();
    await write('tides.md', '---\ntitle: [unclosed\n---\nBroken now.\n');
    const outcome = await holder.reload();
    const changes = reloaded(outcome);
    expect(changes.kept).toEqual([{ file: 'tides.md', reasons: [expect.stringMatching(/broken front matter/)] }]);
    expect(changes.changed).toEqual([]);
    expect(holder.current.article('tides')?.passages.map((p) => p.text)).toEqual([
      'The tide turns twice a day.',
      'Spring tides follow the full moon.',
    ]);
    const log = lines();
    logReload(outcome, log.logger);
    expect(log.text()).toMatch(
      /tides\.md fails validation \(broken front matter[^)]*\); its previous version is still served/,
    );
  });

  it('does not swap when nothing changed, and tells its listeners of each swap', async () => {
    const holder = await holderOf();
    const before = holder.current;
    const swapped: KnowledgeBase[] = [];
    holder.onSwap((kb) => swapped.push(kb));
    expect(reloaded(await holder.reload())).toMatchObject({ added: [], changed: [], removed: [] });
    expect(holder.current).toBe(before);
    expect(swapped).toEqual([]);
    await write('late.md', article('Late', 'A new paragraph.'));
    await holder.reload();
    expect(swapped).toHaveLength(1);
    expect(swapped[0]).toBe(holder.current);
  });

  it('goes on serving the old library when the folder is left with no article', async () => {
    const holder = await holderOf();
    const before = holder.current;
    await unlink(path.join(dir, 'tides.md'));
    await unlink(path.join(dir, 'swifts.md'));
    expect(await holder.reload()).toMatchObject({ kind: 'kept' });
    expect(holder.current).toBe(before);
  });

  it('runs reloads one at a time: a reload asked for during another sees the changes made meanwhile', async () => {
    const holder = await holderOf();
    const first = holder.reload();
    await write('late.md', article('Late', 'Written while a reload ran.'));
    const second = holder.reload();
    await first;
    expect(reloaded(await second).added).toContain('late.md');
    expect(holder.current.article('late')).toBeDefined();
  });
});

describe('watching the knowledge folder', () => {
  it.each([
    ['tides.md', true],
    ['sub/notes.md', true],
    ['servers/123456789012345678/local.md', false],
    ['.tides.md.ab12.tmp', false],
    ['.git/index', false],
  ])('a change to %s reloads the shared library: %s', (file, expected) => {
    expect(concernsSharedLibrary(file)).toBe(expected);
  });

  it('picks up a new file within seconds, without a restart', async () => {
    const holder = await holderOf();
    const outcomes: ReloadOutcome[] = [];
    const watcher = watchKnowledge(holder, (outcome) => outcomes.push(outcome), { debounceMs: 50 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await write('harbours.md', article('Harbours', 'Harbours silt up.'));
      const deadline = Date.now() + 5_000;
      while (holder.current.article('harbours') === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(holder.current.article('harbours')).toBeDefined();
      expect(outcomes.some((o) => o.kind === 'reloaded' && o.changes.added.includes('harbours.md'))).toBe(true);
    } finally {
      watcher.close();
    }
  });

  it('ignores a change on a server’s shelf', async () => {
    const holder = await holderOf();
    const outcomes: ReloadOutcome[] = [];
    await mkdir(path.join(dir, 'servers', '123456789012345678'), { recursive: true });
    const watcher = watchKnowledge(holder, (outcome) => outcomes.push(outcome), { debounceMs: 50 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await write('servers/123456789012345678/local.md', article('Local', 'Only here.'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(outcomes).toEqual([]);
    } finally {
      watcher.close();
    }
  });
});

describe('the console’s /reload', () => {
  it('reloads and prints what changed; the next question is answered from the new library', async () => {
    const holder = await holderOf();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const context = {
      get kb() {
        return holder.current;
      },
      commands: COMMANDS,
    };
    const done = runConsole({
      input,
      output,
      context,
      commands: COMMANDS,
      logger: createLogger({ level: 'silent' }),
      localCommands: {
        '/reload': async () => {
          const outcome = await holder.reload();
          return outcome.kind === 'reloaded' ? describeChanges(outcome.changes) : outcome.reason;
        },
      },
    });
    await write('harbours.md', article('Harbours', 'Dredging the harbour costs the town a fortune every year.'));
    input.end('/reload\nwhat does dredging cost?\n');
    await done;
    expect(text).toContain('library reloaded: added harbours.md; passages 3 → 4');
    expect(text).toContain('the harbour *costs* the town a fortune every year.”\n    — Harbours · ¶1');
  });
});
