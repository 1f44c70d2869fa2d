import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/open-store.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { WriteQueue } from '../../src/store/write-queue.js';
import { captureLog, ENGINES, useEngine } from './engines.js';
import { freePort } from './postgres-server.js';

const GUILD = '100000000000000001';
const USER = '300000000000000001';
const WARN = 40;

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a store that cannot be reached at start-up', () => {
  it('is one message naming DATABASE_URL, with the password masked (PostgreSQL)', async () => {
    const port = await freePort();
    const url = `postgres://footnote:s3cret-pw@127.0.0.1:${port}/footnote`;
    const error = await openStore({
      location: { engine: 'postgres', url },
      logger: captureLog().logger,
      retentionDays: 90,
      maintenanceIntervalMs: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    const message = (error as Error).message;
    expect(message).toContain(`DATABASE_URL=postgres://footnote:***@127.0.0.1:${port}/footnote`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
  });

  it('is one message naming the SQLite file and DATABASE_URL (SQLite)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'footnote-store-'));
    const notAFolder = path.join(dir, 'plain-file');
    await fs.writeFile(notAFolder, 'x');
    const error = await openStore({
      location: { engine: 'sqlite', path: path.join(notAFolder, 'footnote.sqlite') },
      logger: captureLog().logger,
      retentionDays: 90,
      maintenanceIntervalMs: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(
      /the SQLite file .*plain-file\/footnote\.sqlite \(DATABASE_URL is not set\)/,
    );
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('the write queue', () => {
  it('holds writes up to its bound during an outage, drops the rest with one error, then writes what it held', async () => {
    const log = captureLog();
    const queue = new WriteQueue(log.logger, 3);
    let up = false;
    const written: number[] = [];
    const write = (n: number) => async () => {
      if (!up) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      written.push(n);
    };
    const outcomes = [1, 2, 3, 4, 5].map((n) => queue.enqueue(`w${n}`, write(n)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(queue.unavailable).toBe(true);
    up = true;
    expect(await Promise.all(outcomes)).toEqual(['written', 'written', 'written', 'dropped', 'dropped']);
    expect(written).toEqual([1, 2, 3]);
    const levels = log.lines().map((l) => l.level);
    expect(levels.filter((l) => l === WARN)).toHaveLength(1);
    expect(levels.filter((l) => l === 50)).toHaveLength(1);
  });

  it('skips a write the store refuses, so the writes behind it still go through', async () => {
    const queue = new WriteQueue(captureLog().logger);
    const refused = queue.enqueue('bad', async () => {
      throw Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT' });
    });
    const fine = queue.enqueue('good', async () => undefined);
    expect([await refused, await fine]).toEqual(['failed', 'written']);
  });
});

describe.each(ENGINES)('the store on %s, lost while running', (engine) => {
  const fixture = useEngine(engine);

  it('queues writes while the store is away and writes every one when it is back, warning once', async () => {
    const location = await fixture.freshLocation();
    const log = captureLog();
    const store = await fixture.open(location, { logger: log.logger });
    const before = await store.put('{"before":true}', 60_000);
    await store.flush();

    // PostgreSQL: the server stops, as in a restart. SQLite: another process holds the write lock.
    let holder: SqliteDatabase.Database | undefined;
    if (location.engine === 'postgres') await fixture.postgres()!.stop();
    else {
      holder = new SqliteDatabase(location.path);
      holder.exec('BEGIN IMMEDIATE');
      holder.exec("insert into store_meta (key, value) values ('held', 'by another process')");
    }

    const writes = [];
    for (let i = 0; i < 20; i++) {
      writes.push(
        store.recordQuestion({
          guildId: GUILD,
          userId: USER,
          source: 'slash',
          command: 'ask',
          question: `question ${i}`,
          outcome: 'no-match',
          passages: [],
          elapsedMs: 1,
        }),
      );
      writes.push(
        store.recordVote({ answerKey: `a${i}`, userId: USER, guildId: GUILD, value: 'up', interactionId: `${i}` }),
      );
    }
    const during = await store.put('{"during":true}', 60_000);
    await waitFor(() => log.lines().some((l) => l.msg.startsWith('store unavailable')));
    expect(store.queuedWrites).toBeGreaterThanOrEqual(40);
    // A button made during the outage still works on this process.
    expect(await store.get(during)).toBe('{"during":true}');
    if (engine === 'postgres') {
      // A button whose state cannot be read is "unavailable", never a crash or a wrong "expired".
      await expect(store.get(before)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await store.getGuildSettings(GUILD)).toEqual({ ok: false, reason: 'unavailable' });
    } else {
      // In WAL mode a writer never blocks readers: button state stays readable.
      expect(await store.get(before)).toBe('{"before":true}');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));

    if (holder !== undefined) {
      holder.exec('COMMIT');
      holder.close();
    } else await fixture.postgres()!.start();

    expect(new Set(await Promise.all(writes))).toEqual(new Set(['written']));
    await store.flush();
    const report = await store.gapsReport(GUILD, 1);
    expect(report.ok && report.value.questions).toBe(20);
    expect(report.ok && report.value.votes).toEqual({ up: 20, down: 0 });
    expect(await store.get(before)).toBe('{"before":true}');
    const warnings = log.lines().filter((l) => l.level === WARN);
    expect(warnings.map((l) => l.msg)).toEqual(['store unavailable; writes are queued until it is back']);
    expect(log.lines().some((l) => l.msg === 'store is back; queued writes written')).toBe(true);
    // Written, not merely held: a fresh process sees them.
    const fresh = await fixture.open(location);
    expect(await fresh.get(during)).toBe('{"during":true}');
  }, 60_000);
});
