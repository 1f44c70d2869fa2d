import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  DiscordAPIError,
  REST,
  type RESTGetAPIGatewayBotResult,
  Routes,
  type Shard,
  ShardingManager,
} from 'discord.js';
import { ConfigError, type DiscordConfig, loadConfig, loadDotenv } from '../config.js';
import { ExplainedError } from '../app/errors.js';
import { createLogger, type Logger } from '../log.js';
import { runMain } from './cli-shared.js';

/**
 * `npm run start:sharded`: runs the bot as one child process per shard with discord.js's ShardingManager.
 * Each child is the unchanged `src/bin/main.ts`; its discord.js Client reads SHARDS and SHARD_COUNT from the
 * environment the manager gives it. Crashed shards are respawned; SIGTERM and SIGINT stop every shard gracefully.
 */

/** Discord allows `max_concurrency` IDENTIFYs per 5 seconds, one per rate-limit key `shard_id % max_concurrency`. */
const IDENTIFY_WINDOW_MS = 5_000;
/** How long a shard may take from the start of its process to READY. */
const READY_TIMEOUT_MS = 60_000;
/** A shard that dies this many times within the window is not respawned again: the manager stops. */
const CRASH_LIMIT = 5;
const CRASH_WINDOW_MS = 60_000;
/** How long past SHUTDOWN_GRACE_MS a stopping shard may take before it is killed. */
const STOP_MARGIN_MS = 5_000;

const SELF = fileURLToPath(import.meta.url);
/** The child runs main.ts from source through tsx, or main.js from a build. */
const SHARD_ENTRY = path.join(path.dirname(SELF), `main${path.extname(SELF)}`);
// Resolved here: Node resolves a bare `--import tsx` from the working directory, which may not be the project's.
const SHARD_EXEC_ARGV = path.extname(SELF) === '.ts' ? ['--import', import.meta.resolve('tsx')] : [];

/** A start-up failure a person must fix, printed as is. */
class StartupError extends ExplainedError {
  constructor(
    message: string,
    readonly refusedToken = false,
  ) {
    super(message);
  }
}

/** What GET /gateway/bot says about starting sessions. */
interface StartLimits {
  readonly recommendedShards: number;
  readonly maxConcurrency: number;
  readonly remaining: number;
}

async function fetchStartLimits(discord: DiscordConfig): Promise<StartLimits> {
  const rest = new REST(discord.apiBase !== undefined ? { api: discord.apiBase } : {}).setToken(discord.token);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return {
      recommendedShards: gateway.shards,
      maxConcurrency: Math.max(1, gateway.session_start_limit.max_concurrency),
      remaining: gateway.session_start_limit.remaining,
    };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw new StartupError(
        'Discord refused the token (401). Reset it in the Developer Portal (Bot tab) and set DISCORD_TOKEN again.',
        true,
      );
    }
    throw new StartupError(
      `Could not ask Discord for the recommended shard count (GET /gateway/bot): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Shard ids by identify rate-limit key: the groups start side by side, the shards of one group one after another. */
function groupByIdentifyKey(shardIds: readonly number[], maxConcurrency: number): number[][] {
  const groups = new Map<number, number[]>();
  for (const id of shardIds) groups.set(id % maxConcurrency, [...(groups.get(id % maxConcurrency) ?? []), id]);
  return [...groups.values()];
}

/** Copies a shard's output to ours, each JSON log line tagged with the shard id, any other line prefixed. */
function relayOutput(child: ChildProcess, shardId: number): void {
  const relay = (from: NodeJS.ReadableStream | null, to: NodeJS.WriteStream): void => {
    if (!from) return;
    createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
      to.write(line.startsWith('{') ? `{"shard":${shardId},${line.slice(1)}\n` : `[shard ${shardId}] ${line}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
}

/** Sends SIGTERM to each running shard and waits until its process has closed; true when none had to be killed. */
async function stopShards(manager: ShardingManager, graceMs: number): Promise<boolean> {
  manager.respawn = false;
  const running = [...manager.shards.values()]
    .map((shard) => shard.process)
    .filter((child): child is ChildProcess => child !== null);
  const stopped = await Promise.all(
    running.map(
      (child) =>
        new Promise<boolean>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve(true);
            return;
          }
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve(false);
          }, graceMs);
          child.once('close', () => {
            clearTimeout(timer);
            resolve(true);
          });
          // SIGTERM whichever signal we got: after a Ctrl-C the terminal has already sent the shards SIGINT, and a
          // second SIGINT would end them at once.
          child.kill('SIGTERM');
        }),
    ),
  );
  return stopped.every(Boolean);
}

function watchShard(
  shard: Shard,
  logger: Logger,
  isStopping: () => boolean,
  onCrashLoop: (shardId: number) => void,
): void {
  const deaths: number[] = [];
  let everReady = false;
  logger.info({ shard: shard.id }, 'shard created');
  shard.on('spawn', (child) => {
    if ('pid' in child) {
      relayOutput(child, shard.id);
      logger.info({ shard: shard.id, pid: child.pid }, 'shard process started');
    }
  });
  shard.on('ready', () => {
    everReady = true;
    logger.info({ shard: shard.id }, 'shard ready');
  });
  shard.on('death', (child) => {
    const exit = 'exitCode' in child ? { code: child.exitCode, signal: child.signalCode } : {};
    if (isStopping()) {
      logger.info({ shard: shard.id, ...exit }, 'shard stopped');
      return;
    }
    if (!everReady) {
      logger.error({ shard: shard.id, ...exit }, 'shard process exited before it was ready');
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && now - deaths[0]! > CRASH_WINDOW_MS) deaths.shift();
    logger.error({ shard: shard.id, ...exit, deathsInLastMinute: deaths.length }, 'shard died; respawning');
    if (deaths.length >= CRASH_LIMIT) onCrashLoop(shard.id);
  });
  // A stopping client reports its own disconnection; only an unexpected one is news.
  shard.on('disconnect', () => isStopping() || logger.warn({ shard: shard.id }, 'shard disconnected'));
  shard.on('reconnecting', () => isStopping() || logger.info({ shard: shard.id }, 'shard reconnecting'));
  shard.on('resume', () => logger.info({ shard: shard.id }, 'shard resumed'));
  // Without a listener, an 'error' (a respawned shard that failed to become ready) would end the manager.
  shard.on('error', (error) => logger.error({ err: error, shard: shard.id }, 'shard error'));
}

async function main(): Promise<number> {
  loadDotenv();
  const config = loadConfig();
  if (!config.discord)
    throw new ConfigError([
      'DISCORD_TOKEN is missing: start:sharded runs the Discord bot (npm start opens the console without it)',
    ]);
  const logger = createLogger({ level: config.logLevel, secrets: [config.discord.token] });

  const limits = await fetchStartLimits(config.discord).catch((error: unknown): StartLimits => {
    // With a fixed count the answer only paces the start; each shard asks again and retries on its own.
    if (config.shardCount === undefined || (error instanceof StartupError && error.refusedToken)) throw error;
    logger.warn({ err: error }, 'could not read the session start limits; starting one shard per identify window');
    return { recommendedShards: config.shardCount, maxConcurrency: 1, remaining: Infinity };
  });
  const shardCount = config.shardCount ?? limits.recommendedShards;
  const shardIds = config.shardIds ?? Array.from({ length: shardCount }, (_, id) => id);
  const { maxConcurrency } = limits;
  logger.info(
    {
      pid: process.pid,
      shardCount,
      shardIds,
      recommended: limits.recommendedShards,
      maxConcurrency,
      source: config.shardCount === undefined ? 'auto' : 'SHARD_COUNT',
    },
    'starting shards',
  );
  if (limits.recommendedShards > shardCount)
    logger.warn(
      { shardCount, recommended: limits.recommendedShards },
      'Discord recommends more shards than SHARD_COUNT',
    );
  if (limits.remaining < shardIds.length)
    logger.warn({ remaining: limits.remaining }, 'fewer session starts left today than shards to start');

  const manager = new ShardingManager(SHARD_ENTRY, {
    totalShards: shardCount,
    shardList: [...shardIds],
    mode: 'process',
    respawn: true,
    silent: true,
    execArgv: SHARD_EXEC_ARGV,
    token: config.discord.token,
  });

  let stopping: Promise<never> | undefined;
  const stop = (code: number): Promise<never> => {
    stopping ??= (async () => {
      logger.info({ shards: manager.shards.size }, 'stopping shards');
      const clean = await stopShards(manager, config.shutdownGraceMs + STOP_MARGIN_MS);
      if (!clean) logger.error('a shard did not stop in time and was killed');
      logger.info('all shards stopped');
      process.exit(clean ? code : 1);
    })();
    return stopping;
  };
  // `on`, not `once`: a second signal while the shards stop must not end the manager and orphan them.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(0));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  manager.on('shardCreate', (shard) =>
    watchShard(
      shard,
      logger,
      () => stopping !== undefined,
      (shardId) => {
        logger.fatal(
          { shard: shardId, limit: CRASH_LIMIT, windowMs: CRASH_WINDOW_MS },
          'shard keeps crashing; stopping every shard',
        );
        void stop(1);
      },
    ),
  );

  try {
    await Promise.all(
      groupByIdentifyKey(shardIds, maxConcurrency).map(async (group) => {
        for (const [index, shardId] of group.entries()) {
          // Wait out the identify window after the previous shard's READY: its IDENTIFY came just before.
          if (index > 0) await sleep(IDENTIFY_WINDOW_MS);
          if (stopping) return;
          await manager.createShard(shardId).spawn(READY_TIMEOUT_MS);
        }
      }),
    );
  } catch (error) {
    if (stopping) return 0;
    logger.fatal({ err: error }, 'a shard could not start; stopping every shard (see its output above)');
    await stop(1);
  }
  if (!stopping) logger.info({ shards: shardIds.length, shardCount }, 'all shards ready');
  // The manager keeps running its shards; `stop` ends the process.
  return 0;
}

runMain(main, { failure: "Footnote's shard manager could not start", exit: 'on-failure' });
