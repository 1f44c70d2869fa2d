import { languageOf, type Language } from './i18n/index.js';
import path from 'node:path';
import dotenv from 'dotenv';

/**
 * Every setting, validated once at start-up. Nothing else in Footnote reads `process.env`.
 * An error names the setting and says what is wrong, and never prints a secret's value.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface DiscordConfig {
  readonly token: string;
  readonly clientId: string;
  readonly guildId?: string;
  /** REST base without the version (`https://discord.com/api`); the gateway is found through `GET /gateway/bot` there. */
  readonly apiBase?: string;
}

export interface Config {
  /** Absent when no token is set: Footnote then runs as a console. */
  readonly discord?: DiscordConfig;
  readonly knowledgeDir: string;
  /** Where the index snapshot is kept (SNAPSHOT_DIR); absent when SNAPSHOT=off. */
  readonly snapshotDir?: string;
  readonly logLevel: LogLevel;
  /** The console's and `ask`'s language, from LANG (`de_DE.UTF-8` → de); English when it is not one Footnote speaks. */
  readonly consoleLanguage: Language;
  readonly cooldownSeconds: number;
  readonly channelCooldownSeconds: number;
  readonly mentionReplies: boolean;
  readonly mentionReplyMode: 'inline' | 'thread';
  /** How long a stopping bot waits for answers in flight before it closes anyway. */
  readonly shutdownGraceMs: number;
  readonly store: StoreConfig;
  /** Shards of the whole bot for `start:sharded`; absent when SHARD_COUNT is `auto` (Discord's recommendation). */
  readonly shardCount?: number;
  /** The shard ids this host runs (of `shardCount`); absent: all of them. */
  readonly shardIds?: readonly number[];
  /** INGEST_ALLOW_PRIVATE: adding an article may fetch from private and loopback addresses (tests, private deployments). */
  readonly ingestAllowPrivate: boolean;
  /** LIBRARY_OWNER_IDS: the Discord users who may change the shared library from Discord (`/library … shelf:shared`). */
  readonly libraryOwnerIds: readonly string[];
  /** LIBRARY_ADDS_PER_HOUR: articles a server may add to its shelf in an hour. */
  readonly libraryAddsPerHour: number;
}

/** Where the store lives: an SQLite file (the default, `data/footnote.sqlite`) or a PostgreSQL server. */
export type StoreLocationConfig =
  { readonly engine: 'sqlite'; readonly path: string } | { readonly engine: 'postgres'; readonly url: string };

export interface StoreConfig {
  readonly location: StoreLocationConfig;
  /** Question log, votes and library actions older than this are deleted. */
  readonly retentionDays: number;
  /** The HMAC key for user ids; absent, the store makes one at first start and keeps it. */
  readonly userHashSecret?: string;
  /** The defaults a server's `/settings` overrides. */
  readonly feedback: boolean;
  readonly questionLog: boolean;
  readonly privateAnswers: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const SNOWFLAKE = /^\d{17,20}$/;
/** A sanity bound, far above any bot's needs (Discord recommends one shard per 1,000 guilds). */
const MAX_SHARD_COUNT = 100_000;

/** What was typed, for an error message; something long enough to be a pasted secret is described, never echoed. */
function shown(value: string): string {
  return value.length > 24 || value.includes('.') ? `a ${value.length}-character value` : `"${value}"`;
}
/** A bot token is three base64url parts joined by dots; the first encodes the bot's user id. */
const TOKEN = /^[\w-]{16,}\.[\w-]{4,}\.[\w-]{20,}$/;

/** Loads `.env` into `process.env` without overriding what the environment already sets. */
export function loadDotenv(file = '.env'): void {
  dotenv.config({ path: file, quiet: true });
}

function clientIdFromToken(token: string): string | undefined {
  const first = token.split('.')[0] ?? '';
  const decoded = Buffer.from(first, 'base64url').toString('utf8');
  return SNOWFLAKE.test(decoded) ? decoded : undefined;
}

/**
 * discord.js's Client reads SHARDS and SHARD_COUNT from the environment itself, to learn its shard from a
 * ShardingManager. Footnote's own SHARD_COUNT (for start:sharded) may be `auto`, which the Client refuses, so a
 * process that is not a managed shard must not pass those keys on.
 */
export function withholdShardSettings(env: Record<string, string | undefined> = process.env): void {
  if (env.SHARDING_MANAGER !== undefined) return;
  delete env.SHARD_COUNT;
  delete env.SHARDS;
}

/** Reads and checks every setting; throws one ConfigError listing every problem found. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const raw = read(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      problems.push(`${key} must be a number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(key)?.toLowerCase();
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${key} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };

  let discord: DiscordConfig | undefined;
  const token = read('DISCORD_TOKEN');
  if (token !== undefined) {
    if (!TOKEN.test(token))
      problems.push(
        'DISCORD_TOKEN does not look like a bot token (three dot-separated parts); copy it again from the Developer Portal, Bot tab',
      );
    const clientId = read('DISCORD_CLIENT_ID') ?? clientIdFromToken(token);
    if (clientId === undefined)
      problems.push('DISCORD_CLIENT_ID is missing: set it to the Application ID from the Developer Portal');
    else if (!SNOWFLAKE.test(clientId))
      problems.push(`DISCORD_CLIENT_ID must be a Discord id of 17 to 20 digits (got ${shown(clientId)})`);
    const guildId = read('DISCORD_GUILD_ID');
    if (guildId !== undefined && !SNOWFLAKE.test(guildId))
      problems.push(`DISCORD_GUILD_ID must be a Discord id of 17 to 20 digits (got ${shown(guildId)})`);
    let apiBase = read('DISCORD_API_BASE');
    if (apiBase !== undefined) {
      try {
        const url = new URL(apiBase);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
        // discord.js adds the version itself; a base that already names one would become /v10/v10.
        apiBase = apiBase.replace(/\/+$/, '').replace(/\/v\d+$/, '');
      } catch {
        problems.push(`DISCORD_API_BASE must be an http(s) URL such as https://discord.com/api (got "${apiBase}")`);
      }
    }
    if (clientId !== undefined) {
      discord = {
        token,
        clientId,
        ...(guildId !== undefined ? { guildId } : {}),
        ...(apiBase !== undefined ? { apiBase } : {}),
      };
    }
  } else {
    for (const key of ['DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID'] as const) {
      const value = read(key);
      if (value !== undefined && !SNOWFLAKE.test(value))
        problems.push(`${key} must be a Discord id of 17 to 20 digits (got ${shown(value)})`);
    }
  }

  const store = readStoreConfig(read, number, choice, cwd, problems);
  const libraryOwnerIds = (read('LIBRARY_OWNER_IDS') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of libraryOwnerIds)
    if (!SNOWFLAKE.test(id))
      problems.push(`LIBRARY_OWNER_IDS must list Discord user ids, comma-separated (got ${shown(id)})`);
  const shardCount = readShardCount(read('SHARD_COUNT'), problems);
  const shardIds = readShardIds(read('SHARD_IDS'), shardCount, problems);

  const config: Config = {
    ...(discord !== undefined ? { discord } : {}),
    knowledgeDir: path.resolve(cwd, read('KNOWLEDGE_DIR') ?? 'knowledge'),
    ...(choice('SNAPSHOT', ['on', 'off'] as const, 'on') === 'on'
      ? { snapshotDir: path.resolve(cwd, read('SNAPSHOT_DIR') ?? 'data/index') }
      : {}),
    logLevel: choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    consoleLanguage: languageOf(read('LANG')),
    cooldownSeconds: number('COOLDOWN_SECONDS', 3, 0, 3_600),
    channelCooldownSeconds: number('CHANNEL_COOLDOWN_SECONDS', 0, 0, 3_600),
    mentionReplies: choice('MENTION_REPLIES', ['on', 'off'] as const, 'on') === 'on',
    mentionReplyMode: choice('MENTION_REPLY_MODE', ['inline', 'thread'] as const, 'inline'),
    shutdownGraceMs: number('SHUTDOWN_GRACE_MS', 5_000, 0, 60_000),
    store,
    ...(typeof shardCount === 'number' ? { shardCount } : {}),
    ...(shardIds !== undefined ? { shardIds } : {}),
    ingestAllowPrivate: choice('INGEST_ALLOW_PRIVATE', ['true', 'false'] as const, 'false') === 'true',
    libraryOwnerIds,
    libraryAddsPerHour: number('LIBRARY_ADDS_PER_HOUR', 20, 0, 10_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

const MIN_HASH_SECRET_LENGTH = 16;

function readStoreConfig(
  read: (key: string) => string | undefined,
  number: (key: string, fallback: number, min: number, max: number) => number,
  choice: <T extends string>(key: string, allowed: readonly T[], fallback: T) => T,
  cwd: string,
  problems: string[],
): StoreConfig {
  const url = read('DATABASE_URL');
  let location: StoreLocationConfig = { engine: 'sqlite', path: path.resolve(cwd, 'data', 'footnote.sqlite') };
  if (url !== undefined) {
    if (/^postgres(ql)?:\/\//i.test(url)) location = { engine: 'postgres', url };
    else if (/^sqlite:/i.test(url) && url.length > 'sqlite:'.length)
      location = { engine: 'sqlite', path: path.resolve(cwd, url.slice('sqlite:'.length)) };
    else
      problems.push(
        'DATABASE_URL must be postgres://user:password@host:5432/database or sqlite:<file>, or be left unset for data/footnote.sqlite',
      );
  }
  const secret = read('USER_HASH_SECRET');
  if (secret !== undefined && secret.length < MIN_HASH_SECRET_LENGTH)
    problems.push(`USER_HASH_SECRET must be at least ${MIN_HASH_SECRET_LENGTH} characters (got ${secret.length})`);
  return {
    location,
    retentionDays: number('LOG_RETENTION_DAYS', 90, 1, 3_650),
    ...(secret !== undefined ? { userHashSecret: secret } : {}),
    feedback: choice('FEEDBACK_BUTTONS', ['on', 'off'] as const, 'on') === 'on',
    questionLog: choice('QUESTION_LOG', ['on', 'off'] as const, 'on') === 'on',
    privateAnswers: choice('PRIVATE_ANSWERS', ['on', 'off'] as const, 'off') === 'on',
  };
}

/** The count, `auto`, or undefined when SHARD_COUNT is malformed (and reported). */
function readShardCount(raw: string | undefined, problems: string[]): number | 'auto' | undefined {
  if (raw === undefined || raw.toLowerCase() === 'auto') return 'auto';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_SHARD_COUNT) {
    problems.push(`SHARD_COUNT must be auto or a whole number from 1 to ${MAX_SHARD_COUNT} (got "${raw}")`);
    return undefined;
  }
  return value;
}

/** `0,1,2`: the shard ids one host runs when several hosts share one shard count. */
function readShardIds(
  raw: string | undefined,
  shardCount: number | 'auto' | undefined,
  problems: string[],
): readonly number[] | undefined {
  if (raw === undefined || shardCount === undefined) return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    problems.push(`SHARD_IDS must be shard ids separated by commas, such as 0,1 (got "${raw}")`);
    return undefined;
  }
  // Hosts that each asked Discord for "auto" at different times could disagree on the count and route guilds twice.
  if (shardCount === 'auto') {
    problems.push('SHARD_IDS needs SHARD_COUNT set to a number, the same on every host that shares the bot');
    return undefined;
  }
  const ids = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  const outside = ids.filter((id) => id >= shardCount);
  if (outside.length > 0) {
    problems.push(
      `SHARD_IDS must be below SHARD_COUNT (${shardCount}); ids run from 0 to ${shardCount - 1} (got ${outside.join(', ')})`,
    );
    return undefined;
  }
  return Object.freeze(ids);
}
