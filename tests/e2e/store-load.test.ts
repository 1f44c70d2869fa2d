import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreLocation } from '../../src/store/open-store.js';
import type { APIMessage } from 'discord-api-types/v10';
import { decodeVote } from '../../src/discord/custom-id.js';
import { button, type DiscordStandIn, type InteractionHandle, slashCommand } from '../stand-in/discord-stand-in.js';
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
 * (better-sqlite3 is synchronous, so on SQLite that is how long a write held the event loop). Every fourth
 * interaction is a 👍 or 👎 press on one of the warm-up answers, each by another person on another answer, so
 * each must leave exactly one vote.
 */
const BURST = 200;
const USERS = 50;
const PRESS_EVERY = 4;
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
  let answers: APIMessage[] = [];

  beforeAll(async () => {
    location = await fixture.freshLocation();
    standIn = await startStandIn();
    for (let n = 0; n < USERS; n++) standIn.addUser({ id: String(900_000_000_000_000_000n + BigInt(n)) });
    bot = await startBot(standIn, {
      DATABASE_URL: location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url,
      LOG_LEVEL: 'info',
    });
    // Warm the JIT as a bot in service is; the answers are what the burst's presses vote on.
    const warm = Array.from({ length: 40 }, (_, n) =>
      standIn.sendInteraction(slashCommand('ask', { question: QUESTIONS[n % 5]! })),
    );
    await Promise.all(warm.map((h) => h.waitForCallback(10_000)));
    answers = warm.map((h) => h.originalMessage()).filter((m): m is APIMessage => m !== undefined);
  }, 90_000);
  afterAll(async () => {
    await stopBot(bot);
    await standIn?.stop();
  });

  it(`answers ${BURST} interactions from ${USERS} users within 3 s, logs each question and records each vote once`, async () => {
    const handles: InteractionHandle[] = [];
    // The answers that found something carry 👍/👎 (a question the library does not cover has no buttons).
    const voted = answers
      .map((message) => ({
        message,
        ids: (message.components ?? [])
          .flatMap((row): readonly unknown[] => ('components' in row ? row.components : []))
          .map((c) => (typeof c === 'object' && c !== null && 'custom_id' in c ? String(c.custom_id) : ''))
          .filter((id) => decodeVote(id) !== undefined),
      }))
      .filter((a) => a.ids.length === 2);
    expect(voted.length).toBeGreaterThanOrEqual(USERS / 2);
    const presses: { key: string; value: 'up' | 'down'; user: string }[] = [];
    for (let n = 0; n < BURST; n++) {
      const user = { id: String(900_000_000_000_000_000n + BigInt(n % USERS)) };
      if (n % PRESS_EVERY === PRESS_EVERY - 1) {
        const k = presses.length;
        const answer = voted[k % voted.length]!;
        const id = answer.ids[k % 2]!;
        presses.push({ key: decodeVote(id)!.key, value: decodeVote(id)!.value, user: user.id });
        // Press k (n = 4k + 3) is by user n mod 50, on the k-th answer that has buttons, round and round.
        handles.push(standIn.sendInteraction(button(id, answer.message, { user })));
      } else {
        handles.push(standIn.sendInteraction(slashCommand('ask', { question: `${QUESTIONS[n % 5]} #${n}` }, { user })));
      }
    }
    // Each person presses each answer at most once here, so every press must leave a vote of its own.
    expect(new Set(presses.map((p) => `${p.key} ${p.user}`)).size).toBe(presses.length);
    await Promise.all(handles.map((h) => h.waitForCallback(10_000)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const handle of handles) {
      expect(handle.callbacks(), `interaction ${handle.id}`).toHaveLength(1);
      expect(handle.callbacks()[0]!.elapsedMs, `interaction ${handle.id}`).toBeLessThan(DEADLINE_MS);
    }
    for (const handle of handles.filter((h) => h.callbacks()[0]!.type === 5)) await handle.waitForOriginalEdit(15_000);
    expect(handles.filter((h) => h.callbacks()[0]!.type === 9)).toHaveLength(
      presses.filter((p) => p.value === 'down').length,
    );

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
    expect(burst).toHaveLength(BURST - presses.length);
    expect(new Set(burst.map((r) => r.question)).size).toBe(BURST - presses.length);
    expect(new Set(burst.map((r) => r.user_hash)).size).toBe(USERS);
    const votes = await rawDb(store).selectFrom('votes').select(['answer_key', 'voter_hash', 'value']).execute();
    expect(votes).toHaveLength(presses.length);
    expect(new Set(votes.map((v) => `${v.answer_key} ${v.voter_hash}`)).size).toBe(presses.length);
    expect(votes.filter((v) => v.value < 0)).toHaveLength(presses.filter((p) => p.value === 'down').length);
  }, 60_000);
});
