/**
 * Issue 5, "hostile input": `npm start`'s entry point against the stand-in, with per-user and per-channel cooldowns
 * on. Spam gets a private notice naming the wait; bots (itself included) are never answered; a channel where the bot
 * may not send is tried once; mention injection, huge, regex-like, invisible, right-to-left and Markdown-laden input
 * is answered within the deadline, within Discord's limits, pinging nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPayload, type MessagePayload } from '../../src/discord/limits.js';
import {
  autocomplete,
  type DiscordStandIn,
  type InteractionHandle,
  pingsNobody,
  slashCommand,
  type StandInMessage,
  type StoredMessage,
} from '../stand-in/discord-stand-in.js';
import {
  BOT_ID,
  registerCommands,
  type RunningProcess,
  sleep,
  startEntryAgainst,
  startStandIn,
  stopBot,
} from './harness.js';

const EPHEMERAL = 1 << 6;
/** The bot may see and read #locked, but not send there (no Send Messages, 1 << 11). */
const VIEW_AND_READ = (1n << 10n) | (1n << 16n);

const HOSTILE: readonly { name: string; text: string }[] = [
  { name: '@everyone and @here', text: '@everyone @here polonez rocket system' },
  {
    name: 'user, role and channel mentions',
    text: '<@333333333333333333> <@!333333333333333333> <@&222222222222222222> <#444444444444444444> polonez',
  },
  { name: '6,000 characters', text: 'polonez rocket system '.repeat(273).slice(0, 6_000) },
  { name: 'catastrophic-backtracking regex', text: `(a+)+$ ${'a'.repeat(40)}! .*.*.*=.* (x|x|x)*y [[[[ \\1 (?<=a)` },
  {
    name: 'zero-width and right-to-left characters',
    text: 'po\u200Blo\u200Dnez \u202Emetsys tekcor\u202C \u2067בלארוס\u2069 \uFEFFchina\u2060',
  },
  { name: 'emoji', text: '🚀🇧🇾 polonez 👨‍👩‍👧‍👦 rocket 👍🏽 \u{1F9EA}' },
  { name: 'null bytes and control characters', text: 'polo\u0000nez\u0000 rocket\u0007\u001B[31m system\r\n\t' },
  {
    name: 'Markdown and code fences',
    text: '```js\nalert(1) @everyone\n``` **polonez** __rocket__ ~~x~~ ||spoiler|| [link](https://evil.example) # h1\n> quote `tick` \\',
  },
  { name: 'only mentions and symbols', text: '@everyone <@&222222222222222222> *** ``` ||' },
];

let standIn: DiscordStandIn;
let bot: RunningProcess | undefined;
/** Channels by name: every hostile case asks in fresh ones, so the per-channel cooldown never hides an answer. */
const channels = new Map<string, string>();
let nextUser = 0;

function channel(name: string): string {
  const id = channels.get(name);
  if (!id) throw new Error(`no channel ${name}`);
  return id;
}

/** A fresh user each time, so per-user cooldowns only apply where a test means them to. */
function freshUser(): { id: string; username: string } {
  nextUser += 1;
  const user = standIn.addUser({ username: `asker${nextUser}` });
  return { id: user.id, username: user.username };
}

beforeAll(async () => {
  const names = [
    'general',
    'user-1',
    'user-2',
    'user-3',
    'chan-1',
    'chan-2',
    'mention-spam',
    'bots',
    'locked',
    'long-1',
    'long-2',
    'long-3',
  ];
  for (let i = 0; i < HOSTILE.length; i += 1) names.push(`ask-${i}`, `mention-${i}`);
  standIn = await startStandIn({
    guilds: [
      {
        name: 'Stand-in Guild',
        channels: names.map((name) => (name === 'locked' ? { name, botPermissions: VIEW_AND_READ } : { name })),
      },
    ],
  });
  standIn.guild().channelIds.forEach((id, index) => channels.set(names[index]!, id));
  await registerCommands(standIn);
  bot = await startEntryAgainst(standIn, { COOLDOWN_SECONDS: '2', CHANNEL_COOLDOWN_SECONDS: '1' });
}, 40_000);

afterAll(async () => {
  const code = await stopBot(bot);
  await standIn?.stop();
  expect(code).toBe(0);
});

interface Callback {
  type: number;
  data?: MessagePayload & {
    flags?: number;
    allowed_mentions?: { parse?: string[] };
    choices?: { name: string; value: string }[];
  };
}

async function ask(
  question: string,
  where: { user: { id: string; username: string }; channelId: string },
): Promise<{ body: Callback; elapsedMs: number; handle: InteractionHandle }> {
  const handle = standIn.sendInteraction(slashCommand('ask', { question }, where));
  const callback = await handle.waitForCallback(5_000);
  expect(callback.status).toBe(204);
  return { body: callback.body as Callback, elapsedMs: callback.elapsedMs, handle };
}

function isNotice(body: Callback): boolean {
  return (
    body.type === 4 &&
    ((body.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL &&
    /Try again in \d+ s/.test(JSON.stringify(body.data))
  );
}

function repliesTo(message: StandInMessage): StoredMessage[] {
  return standIn.botMessages().filter((m) => m.message.message_reference?.message_id === message.id);
}

describe('cooldowns', () => {
  it('per user: a second question within COOLDOWN_SECONDS gets a private notice naming the wait, in any channel', async () => {
    const user = freshUser();
    const first = await ask('polonez', { user, channelId: channel('user-1') });
    expect(isNotice(first.body)).toBe(false);
    expect(first.body.data?.embeds?.[0]?.description).toContain('Polonez');

    const second = await ask('peacemaker', { user, channelId: channel('user-2') });
    expect(isNotice(second.body)).toBe(true);
    // 2 s, or 1 s on a machine slow enough that a second passed between the two.
    expect(second.body.data?.embeds?.[0]?.description).toMatch(/Try again in [12] s/);
    expect(second.body.data?.allowed_mentions?.parse).toEqual([]);

    await sleep(2_100);
    const third = await ask('peacemaker', { user, channelId: channel('user-3') });
    expect(isNotice(third.body)).toBe(false);
  });

  it('per channel: someone else asking in the same channel within CHANNEL_COOLDOWN_SECONDS is told to wait; elsewhere they are answered', async () => {
    const first = await ask('polonez', { user: freshUser(), channelId: channel('chan-1') });
    expect(isNotice(first.body)).toBe(false);
    const other = freshUser();
    const blocked = await ask('polonez', { user: other, channelId: channel('chan-1') });
    expect(isNotice(blocked.body)).toBe(true);
    expect(blocked.body.data?.embeds?.[0]?.description).toMatch(/Try again in 1 s/);
    // A refused question does not start the asker's own cooldown.
    const elsewhere = await ask('polonez', { user: other, channelId: channel('chan-2') });
    expect(isNotice(elsewhere.body)).toBe(false);
  });

  it('mention spam: a second mention within the cooldown is not answered, and nothing is posted about it', async () => {
    const author = freshUser();
    const first = standIn.sendMessage({
      content: 'polonez',
      mentionsBot: true,
      author,
      channelId: channel('mention-spam'),
    });
    await standIn.waitForChannelMessage((m) => m.message_reference?.message_id === first.id, 5_000);
    const second = standIn.sendMessage({
      content: 'peacemaker',
      mentionsBot: true,
      author,
      channelId: channel('mention-spam'),
    });
    await sleep(700);
    expect(repliesTo(second)).toEqual([]);
    expect(repliesTo(first)).toHaveLength(1);
  });
});

describe('who the bot answers, and where', () => {
  it('never answers a bot, nor its own message mentioning itself', async () => {
    const before = standIn.botMessages().length;
    const own = standIn.sendMessage({
      content: `<@${BOT_ID}> polonez`,
      author: standIn.botUser,
      channelId: channel('bots'),
    });
    const otherBot = standIn.sendMessage({
      content: 'polonez',
      mentionsBot: true,
      author: { id: '555555555555555555', username: 'echo-bot', bot: true },
      channelId: channel('bots'),
    });
    await sleep(800);
    expect(repliesTo(own)).toEqual([]);
    expect(repliesTo(otherBot)).toEqual([]);
    // The only bot message is the one posted above as the bot itself.
    expect(standIn.botMessages().length).toBe(before + 1);
  });

  it('a channel where it may not send (50013) is tried once, logged once, and not retried on the next mention', async () => {
    const locked = channel('locked');
    const posts = () =>
      standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${locked}/messages`));
    standIn.sendMessage({ content: 'polonez', mentionsBot: true, author: freshUser(), channelId: locked });
    await standIn.waitUntil(() => (posts().length > 0 ? true : undefined), 5_000, 'the refused POST');
    expect(posts().map((r) => [r.status, (r.response as { code?: number }).code])).toEqual([[403, 50013]]);
    // After the per-channel cooldown, so only the bot's own memory of the refusal can stop a second POST.
    await sleep(1_100);
    standIn.sendMessage({ content: 'peacemaker', mentionsBot: true, author: freshUser(), channelId: locked });
    await sleep(600);
    expect(posts()).toHaveLength(1);
    const warnings = bot!
      .stderr()
      .split('\n')
      .filter((line) => line.includes('missing permission'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, channel: locked, code: 50013 });
  });
});

describe('hostile input, through /ask, autocomplete and mentions', () => {
  it.each(HOSTILE.map((c, i) => ({ ...c, i })))('$name', async ({ text, i }) => {
    // /ask: answered within the deadline, within every limit, pinging nobody.
    const asked = await ask(text, { user: freshUser(), channelId: channel(`ask-${i}`) });
    expect(asked.elapsedMs).toBeLessThan(3_000);
    expect([4, 5]).toContain(asked.body.type);
    if (asked.body.data) {
      expect(checkPayload(asked.body.data)).toEqual([]);
      expect(asked.body.data.allowed_mentions?.parse).toEqual([]);
    }
    const response = await standIn.waitUntil(
      () =>
        standIn.botMessages().find((m) => m.interactionId === asked.handle.id && (m.message.embeds?.length ?? 0) > 0),
      5_000,
      'the stored answer',
    );
    expect(checkPayload(response.message as MessagePayload)).toEqual([]);
    expect(pingsNobody(response.pings)).toBe(true);

    // Autocomplete on the same text: within the deadline, at most 25 valid choices (the stand-in refuses others).
    const typed = standIn.sendInteraction(
      autocomplete('ask', { question: text }, 'question', { user: freshUser(), channelId: channel(`ask-${i}`) }),
    );
    const completion = await typed.waitForCallback(5_000);
    expect(completion.status).toBe(204);
    expect(completion.elapsedMs).toBeLessThan(3_000);
    const choices = (completion.body as Callback).data?.choices ?? [];
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }

    // The same text after a mention: a reply within the limits that pings nobody, not even the asker.
    const message = standIn.sendMessage({
      content: text,
      mentionsBot: true,
      author: freshUser(),
      channelId: channel(`mention-${i}`),
    });
    const reply = await standIn.waitForChannelMessage((m) => m.message_reference?.message_id === message.id, 5_000);
    const stored = standIn.message(reply.id)!;
    expect(checkPayload(reply as MessagePayload)).toEqual([]);
    expect(pingsNobody(stored.pings)).toBe(true);
    expect(repliesTo(message)).toHaveLength(1);
  });

  // Once a real bug: the two-edit typo lookup is cubic in the word's length; words longer than any vocabulary word skip it.
  it('1,000-character words (the longest /ask allows) are answered in time and do not stall anyone else', async () => {
    const long = [1, 2].map((n) =>
      standIn.sendInteraction(
        slashCommand(
          'ask',
          { question: 'abcdefghij'.repeat(100).slice(n) + 'x'.repeat(n) },
          { user: freshUser(), channelId: channel(`long-${n}`) },
        ),
      ),
    );
    // Sent after them on the same connection: the bot reads it while (or after) working on the long ones.
    const other = standIn.sendInteraction(
      slashCommand('ask', { question: 'polonez' }, { user: freshUser(), channelId: channel('long-3') }),
    );
    const callbacks = await Promise.all([...long, other].map((h) => h.waitForCallback(20_000)));
    for (const callback of callbacks) {
      expect(callback.status).toBe(204);
      expect(callback.elapsedMs).toBeLessThan(3_000);
    }
    expect(callbacks[2]!.elapsedMs).toBeLessThan(1_000);
  });

  it('every request the bot sent went to a known route, and nothing it sent was refused as invalid', () => {
    expect(standIn.unknownRequests()).toEqual([]);
    const invalid = standIn.requests.filter(
      (r) => r.status === 400 && (r.response as { code?: number }).code === 50035,
    );
    expect(invalid).toEqual([]);
  });
});
