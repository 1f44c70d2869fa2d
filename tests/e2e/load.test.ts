import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  autocomplete,
  type DiscordStandIn,
  type InteractionHandle,
  type InteractionInit,
  slashCommand,
} from '../stand-in/discord-stand-in.js';
import { botEnv, ROOT, runEntry, startStandIn } from './harness.js';

/**
 * The real bot (`src/bin/main.ts`, as `npm start` runs it) under load from the stand-in: a burst of interactions from
 * many users at once, then a long paced run that checks the bot's memory stays flat.
 *
 * The bot runs in its own process, so its memory is not mixed with the stand-in's (which keeps every request). It
 * starts with `--inspect` on a free local port: the test forces a full garbage collection inside the bot through the
 * inspector protocol and then reads the bot's own `process.memoryUsage()`, with no change to the bot.
 */

const WARM_UP = 100;
const BURST = 200;
const BURST_USERS = 50;
const RUN = 2_000;
const RUN_BATCH = 50;
const FIRST_SAMPLE_AT = 500;
const DEADLINE_MS = 3_000;
/** Growth of the live heap (after a full GC) between interaction 500 and 2,000; a leak of 5 KB per answer would show. */
const MAX_HEAP_GROWTH = 8 * 1024 * 1024;
/** Resident memory is noisier (the heap's size, allocator pages), so its bound is looser. */
const MAX_RSS_GROWTH = 30 * 1024 * 1024;

const TOPICS = [
  'Chinese investment in Belarus',
  'the $2.6 billion',
  'the Polonez rocket system',
  'a Chinese military base',
  'the Belt and Road Initiative',
  'China-Europe freight trains',
  'Li Qiang’s visit to Minsk',
  'state-owned enterprises for privatization',
  'the $1 billion Russian credit',
  'sanctions after the 2020 protests',
  'Lukashenko and Xi Jinping',
  'Chinese technologies',
  'the Soviet-style economy',
  'peace talks on Ukraine',
  'the CSTO and the EAEU',
  'Russia’s geopolitical orbit',
  'the multi-vector foreign policy',
  'joint military drills',
  'the orbital station',
  'the weather in Lisbon',
];
const FORMS = [
  'what about {}?',
  'tell me about {}',
  '{}',
  'why does the article mention {}',
  'how does {} matter for Minsk',
];
const PREFIXES = ['polo', 'inv', 'chin', 'lukash', 'freight', 'sanc', 'milit', 'xi', 'bri', 'belt'];

/** The n-th interaction of a run: mostly /ask with a varied question, every seventh an autocomplete, 50 users in turn. */
function nthInteraction(n: number): InteractionInit {
  const user = { id: String(900_000_000_000_000_000n + BigInt(n % BURST_USERS)) };
  if (n % 7 === 3) return autocomplete('ask', { question: PREFIXES[n % PREFIXES.length]! }, 'question', { user });
  const topic = TOPICS[n % TOPICS.length]!;
  const form = FORMS[Math.floor(n / TOPICS.length) % FORMS.length]!;
  return slashCommand(
    'ask',
    { question: form.replace('{}', topic), ...(n % 11 === 5 ? { private: true } : {}) },
    { user },
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A minimal Chrome DevTools Protocol client for the bot's inspector. */
class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result ?? message.error);
      if (message.id !== undefined) this.pending.delete(message.id);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Inspector(socket);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The bot's memory after two full collections (the second picks up what finalizers of the first released). */
  async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    const result = (await this.send('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    return JSON.parse(result.result.value) as NodeJS.MemoryUsage;
  }

  close(): void {
    this.socket.close();
  }
}

interface InspectableBot {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  readonly inspector: Inspector;
}

/** `npm start` as one process (tsx as a loader, not its CLI wrapper), with the inspector on a free local port. */
async function startInspectableBot(standIn: DiscordStandIn): Promise<InspectableBot> {
  const deploy = runEntry('src/bin/deploy-commands.ts', botEnv(standIn));
  if ((await deploy.exited) !== 0) throw new Error(`deploy-commands failed:\n${deploy.output()}`);
  const child = spawn(
    process.execPath,
    ['--inspect=127.0.0.1:0', '--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/bin/main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...botEnv(standIn, { LOG_LEVEL: 'warn' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  while ((url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1]) === undefined) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no inspector:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const inspector = await Inspector.connect(url);
  await standIn.waitForReady(undefined, 20_000);
  // READY reaches the client a moment after the stand-in sends it; a guild interaction needs the guild cached.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { child, output: () => output, exited, inspector };
}

function residentBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let standIn: DiscordStandIn;
let bot: InspectableBot | undefined;

beforeAll(async () => {
  standIn = await startStandIn();
  for (let n = 0; n < BURST_USERS; n += 1)
    standIn.addUser({ id: String(900_000_000_000_000_000n + BigInt(n)), username: `reader${n}` });
  bot = await startInspectableBot(standIn);
}, 60_000);

afterAll(async () => {
  bot?.inspector.close();
  bot?.child.kill('SIGTERM');
  const code = await bot?.exited;
  await standIn?.stop();
  expect(code).toBe(0);
});

/** Dispatches interactions as fast as the stand-in can send them and waits for every first callback. */
async function dispatch(first: number, count: number): Promise<InteractionHandle[]> {
  const handles: InteractionHandle[] = [];
  for (let n = first; n < first + count; n += 1) handles.push(standIn.sendInteraction(nthInteraction(n)));
  await Promise.all(handles.map((handle) => handle.waitForCallback(10_000)));
  return handles;
}

describe('Footnote under load, end to end against the stand-in', () => {
  beforeAll(async () => {
    // A bot in service is warm: let the JIT compile the search before timing a burst against it.
    for (let n = 0; n < WARM_UP; n += RUN_BATCH) await dispatch(10_000 + n, RUN_BATCH);
  });

  it(`answers a burst of ${BURST} interactions from ${BURST_USERS} users, each once, within the deadline`, async () => {
    const handles = await dispatch(0, BURST);
    // Room for a second (wrong) callback to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const elapsed = handles.map((handle) => handle.callbacks()[0]!.elapsedMs).sort((a, b) => a - b);
    const kinds = new Map<string, number>();
    for (const handle of handles)
      kinds.set(String(handle.callbacks()[0]!.type), (kinds.get(String(handle.callbacks()[0]!.type)) ?? 0) + 1);
    console.log(
      `load: burst of ${BURST} interactions (${new Set(handles.map((h) => h.record.user.id)).size} users): first response p50 ${percentile(elapsed, 50)} ms, p99 ${percentile(elapsed, 99)} ms, max ${elapsed.at(-1)} ms; callback types ${JSON.stringify(Object.fromEntries(kinds))}`,
    );

    expect(new Set(handles.map((h) => h.record.user.id)).size).toBe(BURST_USERS);
    for (const handle of handles) {
      const callbacks = handle.callbacks();
      expect(callbacks, `interaction ${handle.id}`).toHaveLength(1);
      expect(callbacks[0]!.status, `interaction ${handle.id}`).toBeGreaterThanOrEqual(200);
      expect(callbacks[0]!.status, `interaction ${handle.id}`).toBeLessThan(300);
      expect(callbacks[0]!.elapsedMs, `interaction ${handle.id}`).toBeLessThan(DEADLINE_MS);
    }
    // A deferred answer (type 5) must have been edited in.
    for (const handle of handles.filter((h) => h.callbacks()[0]!.type === 5)) await handle.waitForOriginalEdit(15_000);
    expect(standIn.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(standIn.unknownRequests()).toEqual([]);
  });

  it(`keeps its memory flat over ${RUN.toLocaleString('en')} interactions`, async () => {
    const inspector = bot!.inspector;
    const pid = bot!.child.pid!;
    let first: { heap: number; rss: number } | undefined;
    let late = 0;
    let failed = 0;
    for (let n = 0; n < RUN; n += RUN_BATCH) {
      const handles = await dispatch(BURST + n, RUN_BATCH);
      for (const handle of handles) {
        const callback = handle.callbacks()[0]!;
        if (callback.elapsedMs >= DEADLINE_MS) late += 1;
        if (callback.status >= 300) failed += 1;
      }
      if (n + RUN_BATCH === FIRST_SAMPLE_AT) {
        const memory = await inspector.memoryAfterGc();
        first = { heap: memory.heapUsed, rss: residentBytes(pid) };
      }
    }
    const memory = await inspector.memoryAfterGc();
    const last = { heap: memory.heapUsed, rss: residentBytes(pid) };
    console.log(
      `load: memory after GC at interaction ${FIRST_SAMPLE_AT} → ${RUN}: heapUsed ${mb(first!.heap)} → ${mb(last.heap)} (${mb(last.heap - first!.heap)}), RSS ${mb(first!.rss)} → ${mb(last.rss)} (${mb(last.rss - first!.rss)})`,
    );
    expect({ late, failed }).toEqual({ late: 0, failed: 0 });
    expect(last.heap - first!.heap).toBeLessThan(MAX_HEAP_GROWTH);
    expect(last.rss - first!.rss).toBeLessThan(MAX_RSS_GROWTH);
  }, 120_000);
});
