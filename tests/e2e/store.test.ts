import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordStandIn, slashCommand } from '../stand-in/discord-stand-in.js';
import { captureLog, ENGINES, rawDb, useEngine } from '../store/engines.js';
import { freePort } from '../store/postgres-server.js';
import type { StoreLocation } from '../../src/store/open-store.js';
import {
  BOT_ID,
  ROOT,
  runEntry,
  type RunningProcess,
  sleep,
  startBotAgainst,
  startStandIn,
  stopBot,
} from './harness.js';

const MANAGE_SERVER = 1n << 5n;
const EPHEMERAL = 1 << 6;

function databaseUrl(location: StoreLocation): string {
  return location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url;
}

describe('the bot started on a store it cannot reach', () => {
  it('prints one message naming DATABASE_URL with the password masked, and exits 1', async () => {
    const port = await freePort();
    const proc = runEntry('src/bin/main.ts', {
      KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      DATABASE_URL: `postgres://footnote:hunter2-secret@127.0.0.1:${port}/footnote`,
    });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toContain(`DATABASE_URL=postgres://footnote:***@127.0.0.1:${port}/footnote`);
    expect(proc.output()).not.toContain('hunter2-secret');
    expect(proc.stderr().trim().split('\n')).toHaveLength(1);
  });
});

describe.each(ENGINES)('the bot with its store on %s, through the stand-in', (engine) => {
  const fixture = useEngine(engine);
  let standIn: DiscordStandIn;
  let bot: RunningProcess | undefined;
  let location: StoreLocation;

  beforeAll(async () => {
    location = await fixture.freshLocation();
    standIn = await startStandIn();
    bot = await startBotAgainst(standIn, { DATABASE_URL: databaseUrl(location) });
  }, 60_000);
  afterAll(async () => {
    await stopBot(bot);
    await standIn?.stop();
  });

  const run = async (name: string, options: Record<string, string | number | boolean>, manager = true) => {
    const handle = standIn.sendInteraction(
      slashCommand(name, options, manager ? { memberPermissions: MANAGE_SERVER } : { memberPermissions: 0n }),
    );
    return (await handle.waitForCallback(5_000)) as { body: { data?: { content?: string; embeds?: unknown[] } } };
  };

  it('/settings refuses a member without Manage Server, checked when it runs', async () => {
    const callback = await run('settings set', { 'reply-mode': 'thread' }, false);
    expect(JSON.stringify(callback.body)).toContain('Manage Server permission');
  });

  it('/settings set reply-mode:thread moves the next mention answer into a thread, at once', async () => {
    const saved = await run('settings set', { 'reply-mode': 'thread' });
    expect(JSON.stringify(saved.body)).toContain('Saved');
    const asked = standIn.sendMessage({ content: 'polonez rocket system', mentionsBot: true });
    const answer = await standIn.waitUntil(
      () => standIn.messages(asked.id).find((m) => m.message.author.id === BOT_ID),
      8_000,
      'the answer in a thread',
    );
    expect(JSON.stringify(answer.message.embeds)).toContain('Polonez');
  });

  it('/gaps lists a question the library could not answer, with its count', async () => {
    for (const question of ['Who won the 1998 World Cup final?', 'who won the 1998 world cup final'])
      await standIn.sendInteraction(slashCommand('ask', { question })).waitForCallback(5_000);
    // The log is written after the answer, through the queue.
    await sleep(500);
    const gaps = await run('gaps', { days: 7 });
    const text = JSON.stringify(gaps.body);
    expect(text).toContain('asked 2×');
    expect(text).toMatch(/who won the 1998 world cup final/i);
  });

  it('/settings set private:true makes answers private, and cooldown:60 holds a second question back', async () => {
    await run('settings set', { private: true, cooldown: 60 });
    const user = { id: '900000000000000777' };
    standIn.addUser({ id: user.id, username: 'patient' });
    const first = await standIn
      .sendInteraction(slashCommand('ask', { question: 'polonez rocket system' }, { user }))
      .waitForCallback(5_000);
    const flags = (first.body as { data?: { flags?: number } }).data?.flags ?? 0;
    expect(flags & EPHEMERAL).toBe(EPHEMERAL);
    const second = await standIn
      .sendInteraction(slashCommand('ask', { question: 'freight trains' }, { user }))
      .waitForCallback(5_000);
    expect(JSON.stringify(second.body)).toMatch(/Try again in \d+ s/);
    await run('settings set', { private: false, cooldown: 0 });
  });

  it('leaves nothing of a server in the store once the bot is removed from it', async () => {
    const guildId = standIn.defaultGuildId;
    const store = await fixture.open(location, { logger: captureLog().logger });
    const db = rawDb(store);
    const before = await db.selectFrom('question_log').select('guild_id').where('guild_id', '=', guildId).execute();
    expect(before.length).toBeGreaterThan(0);
    standIn.dispatch('GUILD_DELETE', { id: guildId }, { guildId });
    const deadline = Date.now() + 5_000;
    const left = async () => {
      let rows = 0;
      for (const table of ['server_settings', 'channel_settings', 'votes', 'question_log', 'library_actions'] as const)
        rows += (await db.selectFrom(table).select('guild_id').where('guild_id', '=', guildId).execute()).length;
      return rows;
    };
    while ((await left()) > 0 && Date.now() < deadline) await sleep(100);
    expect(await left()).toBe(0);
  });
});
