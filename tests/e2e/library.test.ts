import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordStandIn, slashCommand } from '../stand-in/discord-stand-in.js';
import { fixture, startTestSite, type TestSite } from '../ingest-server.js';
import {
  botEnv,
  ROOT,
  runEntry,
  type RunningProcess,
  sleep,
  startBotAgainst,
  startStandIn,
  stopBot,
} from './harness.js';

const MANAGE_SERVER = 1n << 5n;
const GUILD_A = '700000000000000001';
const GUILD_B = '700000000000000002';

interface Callback {
  body: { data?: { content?: string; embeds?: { title?: string; description?: string }[]; components?: unknown[] } };
}

let standIn: DiscordStandIn;
let site: TestSite;
let bot: RunningProcess | undefined;
let knowledge: string;

beforeAll(async () => {
  knowledge = await mkdtemp(path.join(tmpdir(), 'footnote-library-e2e-'));
  await cp(path.join(ROOT, 'knowledge'), knowledge, { recursive: true });
  site = await startTestSite();
  standIn = await startStandIn({
    guilds: [
      { id: GUILD_A, name: 'Server A' },
      { id: GUILD_B, name: 'Server B' },
    ],
  });
  const env = { KNOWLEDGE_DIR: knowledge, INGEST_ALLOW_PRIVATE: 'true' };
  // Guild commands reach one server each: deploy to B as well as to A (the default guild).
  const deployB = runEntry('src/bin/deploy-commands.ts', botEnv(standIn, { ...env, DISCORD_GUILD_ID: GUILD_B }));
  expect(await deployB.exited).toBe(0);
  bot = await startBotAgainst(standIn, env);
}, 60_000);

afterAll(async () => {
  await stopBot(bot);
  await standIn?.stop();
  await site?.close();
  await rm(knowledge, { recursive: true, force: true });
});

async function run(
  name: string,
  options: Record<string, string | number | boolean>,
  guildId: string,
  manager = true,
): Promise<string> {
  const handle = standIn.sendInteraction(
    slashCommand(name, options, { guildId, memberPermissions: manager ? MANAGE_SERVER : 0n }),
  );
  const callback = (await handle.waitForCallback(10_000)) as Callback;
  // A slow add defers first; the answer is then the edit of the original response.
  if (callback.body.data === undefined) {
    const edit = await handle.waitForOriginalEdit(20_000);
    return JSON.stringify(edit.body);
  }
  return JSON.stringify(callback.body);
}

describe('/library through the stand-in, with the bot watching its knowledge folder', () => {
  it('adds a page by link to server A’s shelf; /ask in A answers from it with its citation, B never sees it', async () => {
    const added = await run('library add', { link: site.url('/news') }, GUILD_A);
    expect(added).toContain('Added on this server');
    expect(await readdir(path.join(knowledge, 'servers', GUILD_A))).toHaveLength(1);

    const inA = await run(
      'ask',
      { question: 'How many harbour towns agreed to build a shared tidal power station?' },
      GUILD_A,
    );
    const file = (await readdir(path.join(knowledge, 'servers', GUILD_A)))[0]!;
    const title = /^title: "?(.+?)"?$/m.exec(
      await readFile(path.join(knowledge, 'servers', GUILD_A, file), 'utf8'),
    )![1]!;
    expect(inA).toContain(title.slice(0, 20));

    const inB = await run(
      'ask',
      { question: 'How many harbour towns agreed to build a shared tidal power station?' },
      GUILD_B,
    );
    expect(inB).not.toContain(title.slice(0, 20));
    expect(await run('sources', {}, GUILD_B)).not.toContain(title.slice(0, 20));
  });

  it('dates the link-added article’s events on /timeline in A from its publication date, and B sees none of them', async () => {
    const file = (await readdir(path.join(knowledge, 'servers', GUILD_A)))[0]!;
    const slug = file.replace(/\.md$/, '');
    // The page was published in May 2024 and says work starts "in the spring of next year": that is 2025,
    // which only the publication date the front matter took from the page can tell.
    const inA = await run('timeline', { article: slug }, GUILD_A);
    expect(inA).toMatch(/2025[^"]*†/);
    expect(inA).toContain('spring of next year');
    expect(inA).toContain('2027');
    expect(inA).toContain('publication date');

    const inB = await run('timeline', {}, GUILD_B);
    expect(inB).not.toContain('spring of next year');
    expect(inB).not.toContain('first turbines');
  });

  it('refuses a member without Manage Server and writes nothing', async () => {
    const reply = await run('library add', { link: site.url('/blog') }, GUILD_B, false);
    expect(reply).toContain('Manage Server');
    await expect(readdir(path.join(knowledge, 'servers', GUILD_B))).rejects.toThrow();
  });

  it('adds an attached Markdown file, lists it, and removes it', async () => {
    const notes = fixture('field-notes.md');
    const id = standIn.addAttachment({
      filename: 'field-notes.md',
      url: site.url('/notes.md'),
      size: Buffer.byteLength(notes),
      contentType: 'text/markdown',
    });
    const added = await run('library add', { file: id }, GUILD_B);
    expect(added).toContain('Added on this server');
    const listed = await run('library list', {}, GUILD_B);
    const slug = /id: ([a-z0-9-]+)/.exec(listed)![1]!;
    expect(await run('library remove', { article: slug }, GUILD_B)).toContain('Removed');
    expect(await readdir(path.join(knowledge, 'servers', GUILD_B))).toHaveLength(0);
  });

  it('serves an edit of a shelf file made on disk within seconds', async () => {
    const dir = path.join(knowledge, 'servers', GUILD_A);
    const file = path.join(dir, (await readdir(dir))[0]!);
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\n\nThe zebrafinch quarantine ended on a Tuesday, said the keeper.\n`);
    const deadline = Date.now() + 10_000;
    let reply = '';
    while (Date.now() < deadline) {
      reply = await run('ask', { question: 'When did the zebrafinch quarantine end?' }, GUILD_A);
      if (reply.includes('zebrafinch')) break;
      await sleep(300);
    }
    expect(reply).toContain('zebrafinch');
  });
});
