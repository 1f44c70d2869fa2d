import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createLogger, type Logger } from '../../src/log.js';
import { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore, type OpenStoreOptions, type StoreLocation } from '../../src/store/open-store.js';
import type { Database } from '../../src/store/schema.js';
import type { Engine } from '../../src/store/store.js';
import { startTestPostgres, type TestPostgres } from './postgres-server.js';

/** Every store test runs on both engines: `describe.each(ENGINES)`. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface CapturedLog {
  readonly logger: Logger;
  readonly lines: () => { level: number; msg: string }[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line) => void lines.push(line) } });
  return { logger, lines: () => lines.map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

export interface EngineFixture {
  /** A fresh, empty place for a store (a new SQLite file, or a new PostgreSQL database). */
  freshLocation(): Promise<StoreLocation>;
  open(location: StoreLocation, options?: Partial<OpenStoreOptions>): Promise<KyselyStore>;
  /** The PostgreSQL server, on that engine. */
  readonly postgres: () => TestPostgres | undefined;
}

/** Starts what the engine needs for the suite (a PostgreSQL server) and removes it afterwards. */
export function useEngine(engine: Engine): EngineFixture {
  let postgres: TestPostgres | undefined;
  let dir = '';
  let files = 0;
  const opened: KyselyStore[] = [];
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'footnote-store-'));
    if (engine === 'postgres') postgres = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const store of opened) await store.close(0).catch(() => undefined);
    await postgres?.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);
  return {
    postgres: () => postgres,
    async freshLocation() {
      if (engine === 'sqlite') return { engine, path: path.join(dir, `store-${++files}.sqlite`) };
      return { engine, url: await postgres!.createDatabase() };
    },
    async open(location, options = {}) {
      const store = await openStore({
        location,
        logger: options.logger ?? captureLog().logger,
        retentionDays: 90,
        maintenanceIntervalMs: 0,
        ...options,
      });
      if (!(store instanceof KyselyStore)) throw new Error('expected the Kysely store');
      opened.push(store);
      return store;
    },
  };
}

/** The store's own connection, for tests that look at the rows themselves. */
export function rawDb(store: KyselyStore): Kysely<Database> {
  return (store as unknown as { db: Kysely<Database> }).db;
}
