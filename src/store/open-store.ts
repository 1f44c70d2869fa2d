import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { ExplainedError } from '../app/errors.js';
import type { Logger } from '../log.js';
import { maskDatabaseUrl } from './faults.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import type { Engine, Store } from './store.js';

/** Where the store lives: an SQLite file (the default) or a PostgreSQL server. */
export type StoreLocation =
  { readonly engine: 'sqlite'; readonly path: string } | { readonly engine: 'postgres'; readonly url: string };

export interface OpenStoreOptions {
  readonly location: StoreLocation;
  readonly logger: Logger;
  readonly retentionDays: number;
  /** The HMAC key for user ids; absent, one is made at first start and kept in the store. */
  readonly userHashSecret?: string;
  readonly now?: () => number;
  /** How often retention and button expiry run; 0 never (tests call `purgeExpired`). Default hourly. */
  readonly maintenanceIntervalMs?: number;
}

/** The store could not be opened at start-up: a message a person can act on, with no password in it. */
export class StoreOpenError extends ExplainedError {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StoreOpenError';
  }
}

/** Long enough for another process's write to finish, short enough not to stall the event loop (the driver is synchronous). */
export const SQLITE_BUSY_TIMEOUT_MS = 200;
/** At start-up, when shards starting together wait for one another's migrations. */
const SQLITE_START_BUSY_TIMEOUT_MS = 10_000;
const PG_CONNECT_TIMEOUT_MS = 5_000;
const PG_POOL_SIZE = 5;
const PG_INT8 = 20;

export function describeLocation(location: StoreLocation): string {
  return location.engine === 'sqlite'
    ? `the SQLite file ${location.path} (DATABASE_URL is not set)`
    : `DATABASE_URL=${maskDatabaseUrl(location.url)}`;
}

/** For SQLite, whose driver runs each statement synchronously: the longest time one held the event loop. */
export interface StatementTiming {
  longestStatementMs: number;
  /** The SQL of that statement, for the log line. */
  longestStatement?: string;
}

/**
 * Wraps the statements Kysely prepares so each run is timed. better-sqlite3 blocks the thread while a statement
 * runs, so this is the pause a store write (or read) puts on answers.
 */
function timeStatements(database: SqliteDatabase.Database, timing: StatementTiming): SqliteDatabase.Database {
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    const statement = prepare(source);
    const timed =
      <A extends unknown[], R>(run: (...args: A) => R) =>
      (...args: A): R => {
        const started = performance.now();
        try {
          return run(...args);
        } finally {
          const ms = performance.now() - started;
          if (ms > timing.longestStatementMs) {
            timing.longestStatementMs = ms;
            timing.longestStatement = source.slice(0, 80);
          }
        }
      };
    statement.run = timed(statement.run.bind(statement));
    statement.all = timed(statement.all.bind(statement));
    statement.get = timed(statement.get.bind(statement));
    return statement;
  }) as typeof database.prepare;
  return database;
}

/**
 * Switches the file to WAL, which the shards of one host need to share it. Turning WAL on takes the file's lock
 * without waiting in SQLite's busy handler, so when several shards start at once the losers get SQLITE_BUSY at once:
 * they wait a little and try again (it is a no-op once any of them has switched the file).
 */
function enableWal(database: SqliteDatabase.Database): void {
  const deadline = Date.now() + SQLITE_START_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false;
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 + Math.random() * 50);
    }
  }
}

function connect(
  location: StoreLocation,
  logger: Logger,
  timing: StatementTiming,
  onServing: (() => void)[],
): Kysely<Database> {
  if (location.engine === 'sqlite') {
    fs.mkdirSync(path.dirname(location.path), { recursive: true });
    // While starting, wait as long as another process's migration takes; once serving, only briefly (see below).
    const database = new SqliteDatabase(location.path, { timeout: SQLITE_START_BUSY_TIMEOUT_MS });
    onServing.push(() => database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`));
    enableWal(database);
    database.pragma('synchronous = NORMAL');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: timeStatements(database, timing) }) });
  }
  const pool = new pg.Pool({
    connectionString: location.url,
    max: PG_POOL_SIZE,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    // Times are milliseconds in bigint columns, and counts are bigint: both fit a JavaScript number.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener the process would die.
  pool.on('error', (error) => logger.debug({ err: error }, 'an idle PostgreSQL connection was closed'));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the store and brings its schema up to date. Throws StoreOpenError, naming DATABASE_URL with the password
 * masked, when it cannot be reached or migrated.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { location, logger } = options;
  let db: Kysely<Database> | undefined;
  const timing: StatementTiming = { longestStatementMs: 0 };
  const onServing: (() => void)[] = [];
  try {
    db = connect(location, logger, timing, onServing);
    await sql`select 1`.execute(db);
    const applied = await migrateToLatest(db as unknown as Kysely<unknown>, location.engine);
    if (applied.length > 0) logger.info({ applied, engine: location.engine }, 'store migrations applied');
    const secret = options.userHashSecret ?? (await storedSecret(db));
    // Migrations are start-up work; what matters is how long a statement holds answers up once serving.
    timing.longestStatementMs = 0;
    for (const serve of onServing) serve();
    const store = new KyselyStore({
      db,
      engine: location.engine,
      logger,
      retentionDays: options.retentionDays,
      hashUser: (userId) => createHmac('sha256', secret).update(userId).digest('base64url'),
      now: options.now ?? Date.now,
      maintenanceIntervalMs: options.maintenanceIntervalMs ?? 3_600_000,
      ...(location.engine === 'sqlite' ? { timing } : {}),
    });
    return store;
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(
      `Footnote cannot open its store at ${describeLocation(location)}: ${scrub(reason, location)}`,
      error,
    );
  }
}

/** A driver's message may quote the URL it was given. */
function scrub(text: string, location: StoreLocation): string {
  if (location.engine !== 'postgres') return text;
  try {
    const password = decodeURIComponent(new URL(location.url).password);
    return password.length > 0 ? text.split(password).join('***') : text;
  } catch {
    return text;
  }
}

const SECRET_KEY = 'user-hash-secret';

/** The first process to start makes the secret; every later one (any host, for PostgreSQL) reads the same. */
async function storedSecret(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto('store_meta')
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('store_meta').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow();
  return row.value;
}

export type { Engine };
