import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Engine } from './store.js';

/**
 * The versioned migrations, one list for both engines. Each is applied once, in name order, inside a transaction;
 * Kysely's Migrator records them in `kysely_migration`. A migration, once released, is never edited: add a new one.
 */
function migrations(engine: Engine): Record<string, Migration> {
  // An auto-incrementing key is the one DDL the two engines spell differently.
  const serial = engine === 'postgres' ? 'bigserial' : 'integer';
  const big = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    '0001-initial': {
      async up(db: Kysely<unknown>): Promise<void> {
        await db.schema
          .createTable('store_meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('server_settings')
          .addColumn('guild_id', 'text', (c) => c.primaryKey())
          .addColumn('mentions', 'integer')
          .addColumn('reply_mode', 'text')
          .addColumn('cooldown_seconds', 'integer')
          .addColumn('channel_cooldown_seconds', 'integer')
          .addColumn('private_default', 'integer')
          .addColumn('feedback', 'integer')
          .addColumn('logging', 'integer')
          .addColumn('updated_at', big, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('channel_settings')
          .addColumn('guild_id', 'text', (c) => c.notNull())
          .addColumn('channel_id', 'text', (c) => c.notNull())
          .addColumn('mentions', 'integer', (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('channel_settings_pk', ['guild_id', 'channel_id'])
          .execute();
        await db.schema
          .createTable('votes')
          .addColumn('answer_key', 'text', (c) => c.notNull())
          .addColumn('voter_hash', 'text', (c) => c.notNull())
          .addColumn('guild_id', 'text')
          .addColumn('passage_id', 'text')
          .addColumn('value', 'integer', (c) => c.notNull())
          .addColumn('reason_kind', 'text')
          .addColumn('reason_text', 'text')
          .addColumn('interaction_id', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('updated_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('votes_pk', ['answer_key', 'voter_hash'])
          .execute();
        await db.schema.createIndex('votes_guild_time').on('votes').columns(['guild_id', 'updated_at']).execute();
        await db.schema
          .createTable('question_log')
          .addColumn('id', serial, (c) => (engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('guild_id', 'text')
          .addColumn('channel_id', 'text')
          .addColumn('user_hash', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('command', 'text', (c) => c.notNull())
          .addColumn('question', 'text', (c) => c.notNull())
          .addColumn('normalized', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('passages', 'text', (c) => c.notNull())
          .addColumn('elapsed_ms', 'integer', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('question_log_guild_time')
          .on('question_log')
          .columns(['guild_id', 'created_at'])
          .execute();
        await db.schema.createIndex('question_log_time').on('question_log').column('created_at').execute();
        await db.schema
          .createTable('button_state')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('guild_id', 'text')
          .addColumn('json', 'text', (c) => c.notNull())
          .addColumn('expires_at', big, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('button_state_expiry').on('button_state').column('expires_at').execute();
        await db.schema.createIndex('button_state_guild').on('button_state').column('guild_id').execute();
        await db.schema
          .createTable('library_actions')
          .addColumn('id', serial, (c) => (engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('guild_id', 'text')
          .addColumn('actor_hash', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('library_actions_guild_time')
          .on('library_actions')
          .columns(['guild_id', 'created_at'])
          .execute();
      },
    },
  };
}

/** The migration names, in order: what a fully migrated store has applied. */
export function migrationNames(engine: Engine): string[] {
  return Object.keys(migrations(engine)).sort();
}

class ListProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.engine);
  }
}

const MIGRATION_ATTEMPTS = 20;

/**
 * Brings the schema up to date. On PostgreSQL, Kysely holds an advisory lock while it migrates, so a second process
 * waits and then finds nothing left to do. SQLite has no such lock across processes, but it lets only one writer
 * commit, and each run of migrations commits with its records in one transaction: a process that lost the race
 * fails (SQLITE_BUSY, or a table the winner just made "already exists"), rolls back, and on the next attempt reads
 * the winner's records and applies nothing.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new ListProvider(engine) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (attempt >= MIGRATION_ATTEMPTS || engine !== 'sqlite' || !lostSqliteRace(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
  }
}

function lostSqliteRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  return error instanceof Error && /already exists/.test(error.message);
}

/** For the tests: which migrations the store has recorded (each once). */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}
