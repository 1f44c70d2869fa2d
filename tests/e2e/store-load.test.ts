import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreLocation } from '../../src/store/open-store.js';
import { type DiscordStandIn, type InteractionHandle, slashCommand } from '../stand-in/discord-stand-in.js';
import { captureLog, ENGINES, rawDb, useEngine } from '../store/engines.js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { botEnv, ROOT, runEntry, type RunningProcess, startStandIn, stopBot, waitForOutput } from './harness.js';

/**
 * As `npm start` runs it: node with tsx as a loader, not the tsx command, whose wrapper kills a child that takes
 * more than a moment to stop (the store writes what is queued and closes its connections on SIGTERM).
 */
async function startBot(standIn: DiscordStandIn, extra: Record<string, string>): Promise<RunningProcess> {
  const deploy = runEntry('src/bin/deploy-commands.ts', botEnv(standIn, extra));
  if ((await deploy.exited) !== 0) throw new Error(`deploy-commands failed:\n${deploy.output()}`);
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/bin/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...botEnv(standIn, extra) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bot = { child, output: () => stderr, stderr: () => stderr, exited };
  await waitForOutput(bot, 'connected to Discord', 20_000);
  return bot;
}

/**
 * The burst of issue 5 (200 interactions from 50 users) with the question log on, on each engine: every
 * interaction answered once within 3 s, every question logged once, and the longest store write measured
 * (better-sqlite3 is synchronous, so on SQLite that is how long a write held the event loop).
 */
const BURST = 200;
const USERS = 50;
const DEADLINE_MS = 3_000;
const QUESTIONS = [
  'how much has China invested in Belarus?',
  'the Polonez rocket system',
  'who won the 1998 world cup',
  'China-Europe freight trains',
  'sanctions after the 2020 protests',
];

describe.each(ENGINES)('a burst with the question log on, store on %s', (engine) => {
  const fixture = useEngine(engine);
  let standIn: DiscordStandIn;
  let bot: RunningProcess | undefined;
  let location: StoreLocation;

  beforeAll(async () => {
    location = await fixture.freshLocation();
    standIn = await startStandIn();
    for (let n = 0; n < USERS; n++) standIn.addUser({ id: String(900_000_000_000_000_000n + BigInt(n)) });
    bot = await startBot(standIn, {
      DATABASE_URL: location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url,
      LOG_LEVEL: 'info',
    });
    // Warm the JIT as a bot in service is.
    await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        standIn.sendInteraction(slashCommand('ask', { question: QUESTIONS[n % 5]! })).waitForCallback(10_000),
      ),
    );
  }, 90_000);
  afterAll(async () => {
    await stopBot(bot);
    await standIn?.stop();
  });

  it(`answers ${BURST} interactions from ${USERS} users within 3 s and logs each question once`, async () => {
    const handles: InteractionHandle[] = [];
    for (let n = 0; n < BURST; n++) {
      const user = { id: String(900_000_000_000_000_000n + BigInt(n % USERS)) };
      handles.push(standIn.sendInteraction(slashCommand('ask', { question: `${QUESTIONS[n % 5]} #${n}` }, { user })));
    }
    await Promise.all(handles.map((h) => h.waitForCallback(10_000)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const handle of handles) {
      expect(handle.callbacks(), `interaction ${handle.id}`).toHaveLength(1);
      expect(handle.callbacks()[0]!.elapsedMs, `interaction ${handle.id}`).toBeLessThan(DEADLINE_MS);
    }
    for (const handle of handles.filter((h) => h.callbacks()[0]!.type === 5)) await handle.waitForOriginalEdit(15_000);

    const stopped = bot!;
    bot = undefined;
    expect(await stopBot(stopped)).toBe(0);
    const closed = stopped
      .stderr()
      .split('\n')
      .filter((line) => line.includes('"store closed"'))
      .map(
        (line) =>
          JSON.parse(line) as {
            written: number;
            longestWriteMs: number;
            longestStatementMs?: number;
            longestStatement?: string;
          },
      );
    expect(closed).toHaveLength(1);
    const elapsed = handles.map((h) => h.callbacks()[0]!.elapsedMs).sort((a, b) => a - b);
    console.log(
      `store load (${engine}): ${BURST} interactions, first response max ${elapsed.at(-1)} ms; ${closed[0]!.written} store writes, longest from queue to written ${closed[0]!.longestWriteMs} ms${closed[0]!.longestStatementMs !== undefined ? `, longest synchronous SQLite statement ${closed[0]!.longestStatementMs} ms (${closed[0]!.longestStatement})` : ''}`,
    );
    // A synchronous SQLite statement holds every answer up while it runs: it must stay short under the burst.
    if (engine === 'sqlite') expect(closed[0]!.longestStatementMs).toBeLessThan(100);
    const store = await fixture.open(location, { logger: captureLog().logger });
    const rows = await rawDb(store).selectFrom('question_log').select(['question', 'user_hash']).execute();
    const burst = rows.filter((r) => / #\d+$/.test(r.question));
    expect(burst).toHaveLength(BURST);
    expect(new Set(burst.map((r) => r.question)).size).toBe(BURST);
    expect(new Set(burst.map((r) => r.user_hash)).size).toBe(USERS);
  }, 60_000);
});
