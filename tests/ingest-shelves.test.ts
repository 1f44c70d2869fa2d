import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/knowledge/load.js';
import { isGuildId, listShelves, shelfDir } from '../src/core/knowledge/shelves.js';

const run = promisify(execFile);
const GUILD = '123456789012345678';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'footnote-shelves-'));
  await writeFile(path.join(dir, 'shared.md'), '---\ntitle: Shared\n---\nA shared paragraph.\n');
  await mkdir(path.join(dir, 'servers', GUILD), { recursive: true });
  await writeFile(
    path.join(dir, 'servers', GUILD, 'local.md'),
    '---\ntitle: Local\n---\nA paragraph for one server.\n',
  );
  await writeFile(path.join(dir, 'servers', GUILD, 'broken.md'), '---\nauthor: Nobody\n---\nNo title here.\n');
  await mkdir(path.join(dir, 'servers', 'not-a-guild'));
  // A temporary file an interrupted add left behind: a dot-name, which no loader reads.
  await writeFile(path.join(dir, 'servers', GUILD, '.local.md.a1b2c3.tmp'), '---\ntitle: Half');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('shelves', () => {
  it('are not part of the shared library', async () => {
    const library = await loadLibrary(dir);
    expect(library.articles.map((a) => a.meta.title)).toEqual(['Shared']);
    expect(library.problems).toEqual([]);
  });

  it('are read on their own, skipping a half-written temporary file', async () => {
    const shelf = await loadLibrary(shelfDir(dir, GUILD) ?? '');
    expect(shelf.articles.map((a) => a.meta.title)).toEqual(['Local']);
    expect(shelf.problems.map((p) => p.file)).toEqual(['broken.md']);
  });

  it('are named by guild id only', async () => {
    expect(await listShelves(dir)).toEqual([GUILD, 'not-a-guild']);
    expect(shelfDir(dir, '../etc')).toBeUndefined();
    expect(isGuildId('1234')).toBe(false);
  });

  it('are validated by knowledge:check, which names the shelf file and fails on its error', async () => {
    const outcome = await run(process.execPath, ['--import', 'tsx', 'src/bin/knowledge-check.ts', dir]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(`servers/${GUILD}/broken.md:1: error: missing title`);
    expect(outcome.stdout).toContain('servers/not-a-guild/: warning: not a server id');
    expect(outcome.stdout).toMatch(/servers\/123456789012345678: 1 article, 1 passage/);
  });
});
