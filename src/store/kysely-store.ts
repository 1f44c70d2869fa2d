import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from '../log.js';
import { buildGapsReport, normalizeQuestion } from './gaps.js';
import type { Database, ServerSettingsTable } from './schema.js';
import {
  type Engine,
  type GapsReport,
  type GuildSettings,
  type LibraryAction,
  type LibraryActionInput,
  type PurgeCounts,
  type QuestionInput,
  type Read,
  type ReplyMode,
  type ServerSettings,
  type SettingsPatch,
  type Store,
  StoreUnavailableError,
  type VoteInput,
  type WriteOutcome,
} from './store.js';
import { WriteQueue } from './write-queue.js';

const DAY_MS = 86_400_000;
/** Settings are read on every question; another host's change is seen within this, this host's at once. */
export const SETTINGS_CACHE_MS = 2_000;
/** The gaps report reads at most this many questions of its window. */
const REPORT_ROW_LIMIT = 20_000;
/** Snowflakes are compared as text once padded to one width (the longest a 64-bit id can be). */
const SNOWFLAKE_WIDTH = 20;
export const MAX_REASON_LENGTH = 300;

export interface KyselyStoreOptions {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly logger: Logger;
  readonly retentionDays: number;
  readonly hashUser: (userId: string) => string;
  readonly now: () => number;
  readonly maintenanceIntervalMs: number;
  /** SQLite: the longest synchronous statement so far. */
  readonly timing?: { readonly longestStatementMs: number; readonly longestStatement?: string };
}

const unavailable = { ok: false, reason: 'unavailable' } as const;
const ok = <T>(value: T): Read<T> => ({ ok: true, value });

/** The store on either engine: the SQL is Kysely's, the same for both. */
export class KyselyStore implements Store {
  readonly engine: Engine;
  private readonly db: Kysely<Database>;
  private readonly logger: Logger;
  private readonly queue: WriteQueue;
  private readonly now: () => number;
  private readonly settingsCache = new Map<string, { value: GuildSettings; at: number }>();
  /** Button states whose write is still queued: readable here before the store has them. */
  private readonly unwrittenButtons = new Map<string, { json: string; expiresAt: number }>();
  private readonly maintenance: NodeJS.Timeout | undefined;

  constructor(private readonly options: KyselyStoreOptions) {
    this.db = options.db;
    this.engine = options.engine;
    this.logger = options.logger;
    this.now = options.now;
    this.queue = new WriteQueue(options.logger);
    if (options.maintenanceIntervalMs > 0) {
      void this.purgeExpired();
      this.maintenance = setInterval(() => void this.purgeExpired(), options.maintenanceIntervalMs);
      this.maintenance.unref();
    }
  }

  hashUser(userId: string): string {
    return this.options.hashUser(userId);
  }

  /** How many writes wait for the store; for the tests and the load measurement. */
  get queuedWrites(): number {
    return this.queue.size;
  }

  // Settings

  async getGuildSettings(guildId: string): Promise<Read<GuildSettings>> {
    const cached = this.settingsCache.get(guildId);
    if (cached !== undefined && this.now() - cached.at < SETTINGS_CACHE_MS) return ok(cached.value);
    try {
      const [server, channels] = await Promise.all([
        this.db.selectFrom('server_settings').selectAll().where('guild_id', '=', guildId).executeTakeFirst(),
        this.db
          .selectFrom('channel_settings')
          .select(['channel_id', 'mentions'])
          .where('guild_id', '=', guildId)
          .execute(),
      ]);
      const value: GuildSettings = {
        server: server === undefined ? {} : settingsFromRow(server),
        channelMentions: Object.fromEntries(channels.map((c) => [c.channel_id, c.mentions === 1])),
      };
      this.settingsCache.set(guildId, { value, at: this.now() });
      return ok(value);
    } catch (error) {
      this.logger.debug({ err: error }, 'settings read failed');
      // A stale answer is better than none: it was this server's choice a moment ago.
      return cached !== undefined ? ok(cached.value) : unavailable;
    }
  }

  async updateServerSettings(guildId: string, patch: SettingsPatch): Promise<WriteOutcome> {
    const columns = rowFromPatch(patch);
    const updatedAt = this.now();
    const outcome = await this.queue.enqueue('settings', async () => {
      await this.db
        .insertInto('server_settings')
        .values({ guild_id: guildId, ...columns, updated_at: updatedAt })
        .onConflict((oc) => oc.column('guild_id').doUpdateSet({ ...columns, updated_at: updatedAt }))
        .execute();
    });
    this.settingsCache.delete(guildId);
    return outcome;
  }

  async setChannelMentions(guildId: string, channelId: string, mentions: boolean | null): Promise<WriteOutcome> {
    const updatedAt = this.now();
    const outcome = await this.queue.enqueue('channel settings', async () => {
      if (mentions === null) {
        await this.db
          .deleteFrom('channel_settings')
          .where('guild_id', '=', guildId)
          .where('channel_id', '=', channelId)
          .execute();
        return;
      }
      const value = mentions ? 1 : 0;
      await this.db
        .insertInto('channel_settings')
        .values({ guild_id: guildId, channel_id: channelId, mentions: value, updated_at: updatedAt })
        .onConflict((oc) =>
          oc.columns(['guild_id', 'channel_id']).doUpdateSet({ mentions: value, updated_at: updatedAt }),
        )
        .execute();
    });
    this.settingsCache.delete(guildId);
    return outcome;
  }

  // Votes, the question log, library actions

  recordVote(vote: VoteInput): Promise<WriteOutcome> {
    const at = this.now();
    const row = {
      answer_key: vote.answerKey,
      voter_hash: this.hashUser(vote.userId),
      guild_id: vote.guildId ?? null,
      passage_id: vote.passageId ?? null,
      value: vote.value === 'up' ? 1 : -1,
      reason_kind: vote.value === 'down' ? (vote.reasonKind ?? null) : null,
      reason_text: vote.value === 'down' ? (vote.reasonText?.slice(0, MAX_REASON_LENGTH) ?? null) : null,
      interaction_id: vote.interactionId.padStart(SNOWFLAKE_WIDTH, '0'),
      created_at: at,
      updated_at: at,
    };
    return this.queue.enqueue('vote', async () => {
      await this.db
        .insertInto('votes')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['answer_key', 'voter_hash'])
            .doUpdateSet((eb) => ({
              value: eb.ref('excluded.value'),
              reason_kind: eb.ref('excluded.reason_kind'),
              reason_text: eb.ref('excluded.reason_text'),
              passage_id: eb.ref('excluded.passage_id'),
              interaction_id: eb.ref('excluded.interaction_id'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            // A retried interaction (same id) changes nothing; an older one arriving late does not undo a newer press.
            .where((eb) => eb('excluded.interaction_id', '>', eb.ref('votes.interaction_id'))),
        )
        .execute();
    });
  }

  recordQuestion(question: QuestionInput): Promise<WriteOutcome> {
    const row = {
      guild_id: question.guildId ?? null,
      channel_id: question.channelId ?? null,
      user_hash: this.hashUser(question.userId),
      source: question.source,
      command: question.command,
      question: question.question,
      normalized: normalizeQuestion(question.question),
      outcome: question.outcome,
      passages: JSON.stringify(question.passages),
      elapsed_ms: Math.round(question.elapsedMs),
      created_at: this.now(),
    };
    return this.queue.enqueue('question', async () => {
      await this.db.insertInto('question_log').values(row).execute();
    });
  }

  recordLibraryAction(action: LibraryActionInput): Promise<WriteOutcome> {
    const row = {
      guild_id: action.guildId ?? null,
      actor_hash: this.hashUser(action.userId),
      action: action.action,
      detail: action.detail,
      created_at: this.now(),
    };
    return this.queue.enqueue('library action', async () => {
      await this.db.insertInto('library_actions').values(row).execute();
    });
  }

  async listLibraryActions(guildId: string | undefined, limit: number): Promise<Read<LibraryAction[]>> {
    try {
      let query = this.db.selectFrom('library_actions').select(['actor_hash', 'action', 'detail', 'created_at']);
      query = guildId === undefined ? query.where('guild_id', 'is', null) : query.where('guild_id', '=', guildId);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return ok(rows.map((r) => ({ actorHash: r.actor_hash, action: r.action, detail: r.detail, at: r.created_at })));
    } catch (error) {
      this.logger.debug({ err: error }, 'library actions read failed');
      return unavailable;
    }
  }

  async gapsReport(guildId: string | undefined, days: number): Promise<Read<GapsReport>> {
    const since = this.now() - days * DAY_MS;
    try {
      let questions = this.db
        .selectFrom('question_log')
        .select(['question', 'normalized', 'outcome', 'passages', 'created_at'])
        .where('created_at', '>=', since);
      let votes = this.db
        .selectFrom('votes')
        .select(['passage_id', 'value', 'reason_kind', 'reason_text'])
        .where('updated_at', '>=', since);
      if (guildId !== undefined) {
        questions = questions.where('guild_id', '=', guildId);
        votes = votes.where('guild_id', '=', guildId);
      }
      const [questionRows, voteRows] = await Promise.all([
        questions.orderBy('created_at', 'desc').limit(REPORT_ROW_LIMIT).execute(),
        votes.execute(),
      ]);
      return ok(buildGapsReport(guildId ?? null, days, questionRows, voteRows));
    } catch (error) {
      this.logger.debug({ err: error }, 'gaps report read failed');
      return unavailable;
    }
  }

  // Button state

  async put(json: string, ttlMs: number, guildId?: string): Promise<string> {
    // The key is made here, not by the store, so an answer never waits on a write and an outage cannot stop it.
    const key = randomBytes(9).toString('base64url');
    const expiresAt = this.now() + ttlMs;
    this.unwrittenButtons.set(key, { json, expiresAt });
    void this.queue
      .enqueue('button state', async () => {
        await this.db
          .insertInto('button_state')
          .values({ key, json, expires_at: expiresAt, guild_id: guildId ?? null })
          .execute();
      })
      .then(() => this.unwrittenButtons.delete(key));
    return key;
  }

  async get(key: string): Promise<string | undefined> {
    const unwritten = this.unwrittenButtons.get(key);
    if (unwritten !== undefined) return unwritten.expiresAt > this.now() ? unwritten.json : undefined;
    try {
      const row = await this.db
        .selectFrom('button_state')
        .select('json')
        .where('key', '=', key)
        .where('expires_at', '>', this.now())
        .executeTakeFirst();
      return row?.json;
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  // Deletion and retention

  async deleteServer(guildId: string): Promise<WriteOutcome> {
    const outcome = await this.queue.enqueue('delete server', async () => {
      await this.db.transaction().execute(async (trx) => {
        for (const table of [
          'server_settings',
          'channel_settings',
          'votes',
          'question_log',
          'library_actions',
          'button_state',
        ] as const)
          await trx.deleteFrom(table).where('guild_id', '=', guildId).execute();
      });
    });
    this.settingsCache.delete(guildId);
    return outcome;
  }

  async purgeExpired(): Promise<Read<PurgeCounts>> {
    const now = this.now();
    const before = now - this.options.retentionDays * DAY_MS;
    try {
      const counts = await this.db.transaction().execute(async (trx) => {
        const questions = await trx.deleteFrom('question_log').where('created_at', '<', before).executeTakeFirst();
        const votes = await trx.deleteFrom('votes').where('updated_at', '<', before).executeTakeFirst();
        const actions = await trx.deleteFrom('library_actions').where('created_at', '<', before).executeTakeFirst();
        const buttons = await trx.deleteFrom('button_state').where('expires_at', '<=', now).executeTakeFirst();
        return {
          questions: Number(questions.numDeletedRows),
          votes: Number(votes.numDeletedRows),
          libraryActions: Number(actions.numDeletedRows),
          buttonStates: Number(buttons.numDeletedRows),
        };
      });
      if (Object.values(counts).some((n) => n > 0)) this.logger.info(counts, 'store retention: old rows deleted');
      return ok(counts);
    } catch (error) {
      this.logger.warn({ err: error }, 'store retention could not run; it will try again');
      return unavailable;
    }
  }

  // Life cycle

  flush(): Promise<void> {
    return this.queue.whenIdle();
  }

  async close(graceMs = 5_000): Promise<void> {
    if (this.maintenance !== undefined) clearInterval(this.maintenance);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.queue.whenIdle(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (this.queue.size > 0) this.logger.warn({ queued: this.queue.size }, 'store closed with writes still queued');
    this.queue.abandon();
    await this.queue.whenIdle();
    await this.db.destroy();
    const blocking = this.options.timing?.longestStatementMs;
    this.logger.info(
      {
        engine: this.engine,
        ...this.queue.stats,
        ...(blocking !== undefined
          ? {
              longestStatementMs: Math.round(blocking * 100) / 100,
              longestStatement: this.options.timing?.longestStatement,
            }
          : {}),
      },
      'store closed',
    );
  }
}

function bool(value: number | null): boolean | undefined {
  return value === null ? undefined : value === 1;
}

function settingsFromRow(row: ServerSettingsTable): ServerSettings {
  const entries: [keyof ServerSettings, unknown][] = [
    ['mentions', bool(row.mentions)],
    [
      'replyMode',
      row.reply_mode === 'inline' || row.reply_mode === 'thread' ? (row.reply_mode as ReplyMode) : undefined,
    ],
    ['cooldownSeconds', row.cooldown_seconds ?? undefined],
    ['channelCooldownSeconds', row.channel_cooldown_seconds ?? undefined],
    ['privateDefault', bool(row.private_default)],
    ['feedback', bool(row.feedback)],
    ['logging', bool(row.logging)],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as ServerSettings;
}

function rowFromPatch(patch: SettingsPatch): Partial<Omit<ServerSettingsTable, 'guild_id' | 'updated_at'>> {
  const flag = (value: boolean | null | undefined): number | null | undefined =>
    value === undefined ? undefined : value === null ? null : value ? 1 : 0;
  const row: Record<string, number | string | null | undefined> = {
    mentions: flag(patch.mentions),
    reply_mode: patch.replyMode,
    cooldown_seconds: patch.cooldownSeconds,
    channel_cooldown_seconds: patch.channelCooldownSeconds,
    private_default: flag(patch.privateDefault),
    feedback: flag(patch.feedback),
    logging: flag(patch.logging),
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as Partial<
    Omit<ServerSettingsTable, 'guild_id' | 'updated_at'>
  >;
}
