import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import {
  button,
  DiscordStandIn,
  type DiscordStandInOptions,
  type GatewayLogEntry,
  slashCommand,
} from '../stand-in/discord-stand-in.js';
import { DISCORD_EPOCH, shardForGuild } from '../stand-in/snowflake.js';
import { decodeButton } from '../../src/discord/custom-id.js';
import { useEngine } from '../store/engines.js';
import { BOT_ID, botEnv, type RunningProcess, runEntry, TOKEN } from './harness.js';

/**
 * `npm run start:sharded` end to end: the real shard manager spawns the real `src/bin/main.ts` once per shard against
 * the stand-in, which routes each guild's events to shard `(guild_id >> 22) % shard_count` as Discord does.
 */

const MANAGER = 'src/bin/start-sharded.ts';

/** A real-looking guild id that Discord routes to `shardId` of `shardCount`. */
function guildIdOnShard(shardId: number, shardCount: number): string {
  const count = BigInt(shardCount);
  const ms = BigInt(Date.now()) - DISCORD_EPOCH - 86_400_000n;
  const id = (((ms - (ms % count) + BigInt(shardId)) << 22n) | (1n << 17n)).toString();
  if (shardForGuild(id, shardCount) !== shardId) throw new Error(`guild ${id} does not route to shard ${shardId}`);
  return id;
}

/** A real-looking guild id that Discord routes to each `[shardId, shardCount]` given, such as before and after a reshard. */
function guildIdRoutedTo(routes: readonly (readonly [number, number])[]): string {
  const base = BigInt(Date.now()) - DISCORD_EPOCH - 86_400_000n;
  for (let ms = base; ms < base + 10_000n; ms += 1n) {
    const id = ((ms << 22n) | (1n << 17n)).toString();
    if (routes.every(([shard, count]) => shardForGuild(id, count) === shard)) return id;
  }
  throw new Error(`no guild id routes to ${JSON.stringify(routes)}`);
}

const GUILD_ON_0 = guildIdOnShard(0, 2);
const GUILD_ON_1 = guildIdOnShard(1, 2);

function startShardedStandIn(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  return DiscordStandIn.start({
    token: TOKEN,
    applicationId: BOT_ID,
    botUserId: BOT_ID,
    botUsername: 'Footnote',
    guilds: [
      { id: GUILD_ON_0, name: 'Guild on shard 0' },
      { id: GUILD_ON_1, name: 'Guild on shard 1' },
    ],
    // Concurrent IDENTIFYs beyond max_concurrency per 5 s get op 9, as on Discord.
    enforceIdentifyConcurrency: true,
    ...options,
  });
}

/** Global commands, so that every guild has them, as a sharded bot would register them. */
function shardedEnv(standIn: DiscordStandIn, extra: Record<string, string>): Record<string, string> {
  return botEnv(standIn, { DISCORD_GUILD_ID: '', ...extra });
}

async function deployCommands(standIn: DiscordStandIn): Promise<void> {
  const deploy = runEntry('src/bin/deploy-commands.ts', shardedEnv(standIn, {}));
  if ((await deploy.exited) !== 0) throw new Error(`deploy-commands failed:\n${deploy.output()}`);
}

async function waitForOutput(
  proc: RunningProcess,
  predicate: (output: string) => boolean,
  what: string,
  timeoutMs = 40_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(proc.output())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${proc.output()}`);
    if (proc.child.exitCode !== null)
      throw new Error(`exited (${proc.child.exitCode}) while waiting for ${what}:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface ManagerLogLine {
  msg?: string;
  shard?: number;
  pid?: number;
}

function logLines(proc: RunningProcess): ManagerLogLine[] {
  return proc
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ManagerLogLine);
}

/** Shard id → pid of its running process, from the manager's "shard process started" lines (the latest wins). */
function shardPids(proc: RunningProcess): Map<number, number> {
  const pids = new Map<number, number>();
  for (const line of logLines(proc))
    if (line.msg === 'shard process started' && line.shard !== undefined && line.pid !== undefined)
      pids.set(line.shard, line.pid);
  return pids;
}

function countLines(proc: RunningProcess, msg: string, shard: number): number {
  return logLines(proc).filter((line) => line.msg === msg && line.shard === shard).length;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the manager itself, as a process group signal (Ctrl-C, systemd) delivers it, and its exit code. The
 * harness runs the manager as `npm run start:sharded` does (`node --import tsx`), so the child is the manager; the pid
 * its log names is used all the same, so the signal reaches the manager whatever wraps it.
 */
async function stopManager(proc: RunningProcess, signal: 'SIGTERM' | 'SIGINT' = 'SIGTERM'): Promise<number | null> {
  if (proc.child.exitCode !== null) return proc.child.exitCode;
  const pid = logLines(proc).find((line) => line.msg === 'starting shards')?.pid;
  if (pid === undefined) proc.child.kill(signal);
  else process.kill(pid, signal);
  return proc.exited;
}

/** Kills whatever shard process a failed test left behind. */
function killLeftovers(proc: RunningProcess): void {
  for (const pid of shardPids(proc).values()) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function launchManager(standIn: DiscordStandIn, extra: Record<string, string>): RunningProcess {
  return runEntry(MANAGER, shardedEnv(standIn, extra));
}

function waitForAllShards(manager: RunningProcess): Promise<void> {
  return waitForOutput(manager, (output) => output.includes('"msg":"all shards ready"'), 'every shard to be ready');
}

/** Asks in a guild; resolves with the gateway sessions that were sent the interaction and its callback. */
async function askIn(standIn: DiscordStandIn, guildId: string, question: string) {
  const handle = standIn.sendInteraction(slashCommand('ask', { question }, { guildId }));
  const callback = await handle.waitForCallback(5_000);
  // The callback may race the last log entries by a tick; the dispatch itself was logged when it was sent.
  const deliveries = standIn.gatewayLog.filter(
    (entry: GatewayLogEntry) =>
      entry.direction === 'sent' && entry.t === 'INTERACTION_CREATE' && (entry.d as { id?: string }).id === handle.id,
  );
  return { handle, callback, deliveries };
}

async function expectAnsweredByShard(
  standIn: DiscordStandIn,
  guildId: string,
  shardId: number,
): Promise<GatewayLogEntry> {
  const { handle, callback, deliveries } = await askIn(standIn, guildId, 'how much has China invested in Belarus?');
  expect(callback.status).toBeLessThan(300);
  expect(callback.elapsedMs).toBeLessThan(3_000);
  expect((callback.body as { type: number }).type).toBe(4);
  expect(JSON.stringify(callback.body)).toContain('$2.6 billion');
  expect(handle.callbacks()).toHaveLength(1);
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]?.shardId).toBe(shardId);
  return deliveries[0]!;
}

describe('npm run start:sharded with SHARD_COUNT=2', () => {
  let standIn: DiscordStandIn;
  let manager: RunningProcess | undefined;

  beforeAll(async () => {
    // max_concurrency 2: shards 0 and 1 have different identify keys and may start side by side.
    standIn = await startShardedStandIn({ maxConcurrency: 2 });
    await deployCommands(standIn);
    manager = launchManager(standIn, { SHARD_COUNT: '2' });
    await waitForAllShards(manager);
  }, 60_000);

  afterAll(async () => {
    if (manager) {
      await stopManager(manager);
      killLeftovers(manager);
    }
    await standIn?.stop();
  });

  it('runs one process per shard, each identified as its own shard of 2', () => {
    const sessions = standIn.sessions();
    expect(sessions.map((s) => [s.shardId, s.shardCount]).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const pids = shardPids(manager!);
    expect([...pids.keys()].sort()).toEqual([0, 1]);
    expect(pids.get(0)).not.toBe(pids.get(1));
    expect(standIn.gatewayLog.filter((entry) => entry.direction === 'sent' && entry.op === 9)).toEqual([]);
  });

  it('each guild gets only its own shard: an /ask in either is sent to that shard alone and answered once', async () => {
    for (const guild of standIn.guilds) expect(shardForGuild(guild.id, 2)).toBe(guild.id === GUILD_ON_0 ? 0 : 1);
    await expectAnsweredByShard(standIn, GUILD_ON_0, 0);
    await expectAnsweredByShard(standIn, GUILD_ON_1, 1);
  });

  it('tags each shard log line with its shard id', () => {
    const connected = logLines(manager!).filter((line) => line.msg === 'connected to Discord');
    expect(connected.map((line) => line.shard).sort()).toEqual([0, 1]);
  });

  it('respawns a shard whose process is killed, and that shard answers again', async () => {
    const before = shardPids(manager!).get(1)!;
    const nextReady = standIn.waitForGateway(
      (entry) => entry.direction === 'sent' && entry.t === 'READY' && entry.shardId === 1,
      30_000,
    );
    process.kill(before, 'SIGKILL');
    const ready = await nextReady;
    await waitForOutput(manager!, () => countLines(manager!, 'shard ready', 1) >= 2, 'shard 1 to be ready again');
    expect(countLines(manager!, 'shard died; respawning', 1)).toBe(1);
    const after = shardPids(manager!).get(1)!;
    expect(after).not.toBe(before);
    expect(isAlive(before)).toBe(false);
    const delivery = await expectAnsweredByShard(standIn, GUILD_ON_1, 1);
    expect(delivery.sessionId).toBe(ready.sessionId);
    await expectAnsweredByShard(standIn, GUILD_ON_0, 0);
  });

  it('SIGTERM stops every shard, then the manager exits 0', async () => {
    const pids = [...shardPids(manager!).values()];
    const code = await stopManager(manager!);
    expect(code).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(
      logLines(manager!)
        .filter((line) => line.msg === 'stopped')
        .map((line) => line.shard)
        .sort(),
    ).toEqual([0, 1]);
  });
});

// Each test has its own stand-in; side by side, the 5-second identify wait of the first overlaps the others' work.
describe.concurrent('npm run start:sharded, counts and hosts', () => {
  it('SHARD_COUNT=auto starts as many shards as Discord recommends, one identify per 5 seconds', async () => {
    // max_concurrency 1: the second IDENTIFY must wait 5 s, or the stand-in answers op 9.
    const standIn = await startShardedStandIn({ shards: 2, maxConcurrency: 1 });
    let manager: RunningProcess | undefined;
    try {
      await deployCommands(standIn);
      manager = launchManager(standIn, { SHARD_COUNT: 'auto' });
      await waitForAllShards(manager);
      expect(
        standIn
          .sessions()
          .map((s) => [s.shardId, s.shardCount])
          .sort(),
      ).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(standIn.requests.some((r) => r.path === '/api/v10/gateway/bot' && r.status === 200)).toBe(true);
      expect(standIn.gatewayLog.filter((entry) => entry.direction === 'sent' && entry.op === 9)).toEqual([]);
      const identifies = standIn.gatewayLog.filter((entry) => entry.direction === 'received' && entry.op === 2);
      expect(identifies).toHaveLength(2);
      expect(identifies[1]!.at - identifies[0]!.at).toBeGreaterThanOrEqual(5_000);
      await expectAnsweredByShard(standIn, GUILD_ON_0, 0);
      await expectAnsweredByShard(standIn, GUILD_ON_1, 1);
      expect(await stopManager(manager)).toBe(0);
    } finally {
      if (manager) {
        await stopManager(manager);
        killLeftovers(manager);
      }
      await standIn.stop();
    }
  }, 60_000);

  it('two hosts, SHARD_IDS=0 and SHARD_IDS=1 of SHARD_COUNT=2, each run one shard and together serve every guild; SIGINT stops one, SIGTERM the other', async () => {
    const standIn = await startShardedStandIn({ maxConcurrency: 2 });
    const hosts: RunningProcess[] = [];
    try {
      await deployCommands(standIn);
      hosts.push(
        launchManager(standIn, { SHARD_COUNT: '2', SHARD_IDS: '0' }),
        launchManager(standIn, { SHARD_COUNT: '2', SHARD_IDS: '1' }),
      );
      await Promise.all(hosts.map(waitForAllShards));
      expect(hosts.map((host) => [...shardPids(host).keys()])).toEqual([[0], [1]]);
      expect(
        standIn
          .sessions()
          .map((s) => [s.shardId, s.shardCount])
          .sort(),
      ).toEqual([
        [0, 2],
        [1, 2],
      ]);
      await expectAnsweredByShard(standIn, GUILD_ON_0, 0);
      await expectAnsweredByShard(standIn, GUILD_ON_1, 1);
      expect(await Promise.all([stopManager(hosts[0]!, 'SIGINT'), stopManager(hosts[1]!, 'SIGTERM')])).toEqual([0, 0]);
    } finally {
      await Promise.all(hosts.map((host) => stopManager(host)));
      for (const host of hosts) killLeftovers(host);
      await standIn.stop();
    }
  }, 60_000);

  it.each([
    ['SHARD_COUNT=two', { SHARD_COUNT: 'two' }, 'SHARD_COUNT must be auto or a whole number'],
    ['SHARD_IDS=2 of SHARD_COUNT=2', { SHARD_COUNT: '2', SHARD_IDS: '2' }, 'SHARD_IDS must be below SHARD_COUNT (2)'],
  ])(
    '%s stops the start with exit 1 and a message that names the setting, before any shard starts',
    async (_name, extra, message) => {
      const standIn = await startShardedStandIn();
      try {
        const manager = launchManager(standIn, extra);
        expect(await manager.exited).toBe(1);
        expect(manager.output()).toContain('Configuration is invalid');
        expect(manager.output()).toContain(message);
        expect(manager.output()).not.toContain(TOKEN);
        expect(standIn.sessions()).toEqual([]);
      } finally {
        await standIn.stop();
      }
    },
  );

  it('a token Discord refuses stops the start with exit 1 and says so', async () => {
    const standIn = await startShardedStandIn();
    try {
      const manager = launchManager(standIn, { DISCORD_TOKEN: `${TOKEN.slice(0, -1)}y` });
      expect(await manager.exited).toBe(1);
      expect(manager.output()).toContain('Discord refused the token (401)');
      expect(standIn.sessions()).toEqual([]);
    } finally {
      await standIn.stop();
    }
  });
});

interface ButtonBody {
  type: number;
  data?: { embeds?: { footer?: { text?: string } }[]; components?: { components: { custom_id?: string }[] }[] };
}

describe('two hosts on one PostgreSQL: a button made on one shard is pressed on another', () => {
  const postgres = useEngine('postgres');
  // On shard 0 of 2, then on shard 1 of 3: a reshard moves it to a shard of the other host.
  const GUILD = guildIdRoutedTo([
    [0, 2],
    [1, 3],
  ]);

  it('the answer drawn by host A on shard 0 pages on host B after resharding from 2 shards to 3, exactly as before', async () => {
    const location = await postgres.freshLocation();
    if (location.engine !== 'postgres') throw new Error('postgres expected');
    // max_concurrency 4: every shard has its own identify key, so hosts that do not coordinate never collide.
    const standIn = await startShardedStandIn({ maxConcurrency: 4, guilds: [{ id: GUILD, name: 'Moving guild' }] });
    const hosts: RunningProcess[] = [];
    const launch = (count: number, ids: string) => {
      const host = launchManager(standIn, { DATABASE_URL: location.url, SHARD_COUNT: String(count), SHARD_IDS: ids });
      hosts.push(host);
      return host;
    };
    const deliveredTo = (id: string) =>
      standIn.gatewayLog
        .filter((e) => e.direction === 'sent' && e.t === 'INTERACTION_CREATE' && (e.d as { id?: string }).id === id)
        .map((e) => [e.shardId, shardCountOf.get(e.sessionId ?? '')]);
    // Sessions end with their host; their shard counts are noted while they run.
    const shardCountOf = new Map<string, number>();
    const noteSessions = () => {
      for (const session of standIn.sessions()) shardCountOf.set(session.sessionId, session.shardCount);
    };
    try {
      await deployCommands(standIn);
      const before = [launch(2, '0'), launch(2, '1')];
      await Promise.all(before.map(waitForAllShards));
      noteSessions();

      const ask = standIn.sendInteraction(
        slashCommand('ask', { question: 'Lukashenko Xi Jinping' }, { guildId: GUILD }),
      );
      const answer = (await ask.waitForCallback(5_000)).body as ButtonBody;
      expect(deliveredTo(ask.id)).toEqual([[0, 2]]);
      const next = answer.data?.components?.[0]?.components[1]?.custom_id;
      // A key into the store, not the state itself.
      expect(decodeButton(next!).kind).toBe('stored');
      const first = standIn.sendInteraction(button(next!, ask.originalMessage()!));
      const paged = (await first.waitForCallback(5_000)).body as ButtonBody;
      expect(paged.data?.embeds?.[0]?.footer?.text).toMatch(/Result 2 of/);

      expect(await Promise.all(before.map((host) => stopManager(host)))).toEqual([0, 0]);
      const after = [launch(3, '0'), launch(3, '1,2')];
      await Promise.all(after.map(waitForAllShards));
      noteSessions();
      expect(shardPids(after[1]!).has(1)).toBe(true);

      const again = standIn.sendInteraction(button(next!, ask.originalMessage()!));
      const repaged = (await again.waitForCallback(5_000)).body as ButtonBody;
      // Host B's shard 1 never saw the answer: what it shows can only have come from the shared store.
      expect(deliveredTo(again.id)).toEqual([[1, 3]]);
      expect(repaged.type).toBe(7);
      expect(repaged.data?.embeds).toEqual(paged.data?.embeds);
    } finally {
      await Promise.all(hosts.map((host) => stopManager(host)));
      for (const host of hosts) killLeftovers(host);
      await standIn.stop();
    }
  }, 120_000);
});

describe('SHARD_COUNT and SHARD_IDS settings', () => {
  const base = { DISCORD_TOKEN: TOKEN };
  it.each([
    [{}, undefined, undefined],
    [{ SHARD_COUNT: 'auto' }, undefined, undefined],
    [{ SHARD_COUNT: 'AUTO' }, undefined, undefined],
    [{ SHARD_COUNT: ' 4 ' }, 4, undefined],
    [{ SHARD_COUNT: '4', SHARD_IDS: '3, 1,1' }, 4, [1, 3]],
  ])('%j → shardCount %j, shardIds %j', (env, shardCount, shardIds) => {
    const config = loadConfig({ ...base, ...env });
    expect(config.shardCount).toEqual(shardCount);
    expect(config.shardIds).toEqual(shardIds);
  });

  it.each([
    [{ SHARD_COUNT: '0' }, 'SHARD_COUNT must be auto or a whole number from 1 to 100000 (got "0")'],
    [{ SHARD_COUNT: '1.5' }, 'SHARD_COUNT must be auto or a whole number from 1 to 100000 (got "1.5")'],
    [{ SHARD_IDS: '0' }, 'SHARD_IDS needs SHARD_COUNT set to a number, the same on every host that shares the bot'],
    [
      { SHARD_COUNT: '2', SHARD_IDS: '0;1' },
      'SHARD_IDS must be shard ids separated by commas, such as 0,1 (got "0;1")',
    ],
    [
      { SHARD_COUNT: '2', SHARD_IDS: '1,2,5' },
      'SHARD_IDS must be below SHARD_COUNT (2); ids run from 0 to 1 (got 2, 5)',
    ],
  ])('%j is refused: %s', (env, problem) => {
    let error: unknown;
    try {
      loadConfig({ ...base, ...env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([problem]);
  });
});
