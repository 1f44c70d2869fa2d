/**
 * Issue 5, "keeps answering under faults": the bot runs in this process (`startBot`, which leaves the process to its entry point) against
 * the stand-in, so a slow or broken command can be put into its registry. Every test drives the real discord.js
 * client through the stand-in's fault injection and checks what the user would see.
 */
import { Events } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import type { Command } from '../../commands/command.js';
import { COMMANDS } from '../../commands/index.js';
import type { Reply } from '../../src/core/reply.js';
import { checkPayload, type MessagePayload } from '../../src/discord/limits.js';
import { LATE_ARRIVAL_MS } from '../../src/discord/respond.js';
import {
  type DiscordStandIn,
  type InteractionHandle,
  pingsNobody,
  type RecordedRequest,
  slashCommand,
  type StoredMessage,
} from '../stand-in/discord-stand-in.js';
import {
  BOT_ID,
  TOKEN,
  type InProcessBot,
  type LogLine,
  registerCommands,
  sleep,
  startBotInProcess,
  startStandIn,
} from './harness.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
// discord.js sends `@original` percent-encoded.
const ORIGINAL_EDIT = /^\/webhooks\/\d+\/[^/]+\/messages\/(@|%40)original$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;
const LOADING = 1 << 7;
const EPHEMERAL = 1 << 6;
const ERROR = 50;

/** How long the test-only `/slow` command takes; each test sets it. */
let slowMs = 0;

/** `/ask`, but slower than the defer delay: the case the bot must defer for. */
const slow = {
  ...ask,
  data: { ...ask.data, name: 'slow', description: 'A slow /ask (tests only)' },
  consoleName: 'slow',
  async execute(input, context) {
    await sleep(slowMs);
    return ask.execute(input, context);
  },
} satisfies Command;

/** A command whose reply the renderer cannot draw: it fails in the adapter, outside the command's own boundary. */
const broken = {
  ...ask,
  data: { ...ask.data, name: 'broken', description: 'Returns a malformed reply (tests only)' },
  consoleName: 'broken',
  execute: () => ({ kind: 'answer' }) as unknown as Reply,
} satisfies Command;

/** Both: slower than the defer delay, then a reply the renderer cannot draw. */
const slowBroken = {
  ...broken,
  data: { ...broken.data, name: 'slow-broken', description: 'Slow, then malformed (tests only)' },
  consoleName: 'slow-broken',
  async execute() {
    await sleep(slowMs);
    return { kind: 'answer' } as unknown as Reply;
  },
} satisfies Command;

const REGISTRY: readonly Command[] = [...COMMANDS, slow, broken, slowBroken];

let standIn: DiscordStandIn;
let running: InProcessBot | undefined;

beforeAll(async () => {
  // Short heartbeats, so a zombie connection is noticed within a second.
  standIn = await startStandIn({ heartbeatIntervalMs: 400 });
  await registerCommands(standIn, REGISTRY);
}, 30_000);

afterEach(() => standIn.clearFaults());

afterAll(async () => {
  await running?.stop();
  await standIn?.stop();
});

/** The logs of the bots this file stopped, for the search for tokens at the end. */
let earlierLogs = '';

async function useBot(options: { deferAfterMs?: number; env?: Record<string, string> } = {}): Promise<InProcessBot> {
  await running?.stop();
  earlierLogs += running?.rawLogs() ?? '';
  running = await startBotInProcess(standIn, { commands: REGISTRY, ...options });
  return running;
}

function logsSince(from: number): LogLine[] {
  return running!.logs().slice(from);
}

/** Requests since `from` that got the injected fault: proves the fault really hit (a pattern can silently miss). */
function injectedSince(from: number): number[] {
  return standIn.requests
    .slice(from)
    .filter((r) => r.injected)
    .map((r) => r.status);
}

/** POSTs to channel messages since `from` (injected failures included), once `count` of them are recorded. */
async function postsSince(from: number, count: number): Promise<RecordedRequest[]> {
  const posts = (): RecordedRequest[] =>
    standIn.requests
      .slice(from)
      .filter((r) => r.method === 'POST' && CHANNEL_MESSAGES.test(r.path.replace('/api/v10', '')));
  // A request is recorded just after its answer is written, a moment after the message it created is visible.
  return standIn.waitUntil(
    () => (posts().length >= count ? posts() : undefined),
    2_000,
    `${count} channel message POSTs`,
  );
}

/** The messages an interaction produced (its response, a deferred one once edited, follow-ups). */
function messagesOf(handle: InteractionHandle): StoredMessage[] {
  return standIn.botMessages().filter((m) => m.interactionId === handle.id);
}

/** Waits until the interaction's answer is visible: a response that is not "thinking…" any more. */
async function answered(handle: InteractionHandle, timeoutMs = 8_000): Promise<StoredMessage> {
  return standIn.waitUntil(
    () =>
      messagesOf(handle).find((m) => ((m.message.flags ?? 0) & LOADING) === 0 && (m.message.embeds?.length ?? 0) > 0),
    timeoutMs,
    `the answer to interaction ${handle.id}`,
  );
}

/** The answer arrived once, fits Discord's limits, pings nobody, and is the cited Polonez paragraph. */
async function expectAnsweredOnce(handle: InteractionHandle): Promise<void> {
  const message = await answered(handle);
  // Give a duplicate (a retried POST) time to land before counting.
  await sleep(250);
  expect(messagesOf(handle)).toHaveLength(1);
  expect(handle.followUps()).toHaveLength(0);
  expect(checkPayload(message.message as MessagePayload)).toEqual([]);
  expect(pingsNobody(message.pings)).toBe(true);
  expect(JSON.stringify(message.message.embeds)).toContain('Polonez');
}

describe('429 and 5xx: the answer reaches the user exactly once', () => {
  beforeAll(async () => {
    await useBot({ deferAfterMs: 250 });
  }, 30_000);

  const faults = [
    { name: '429 on the route, with Retry-After', spec: { status: 429, retryAfter: 0.3 } },
    { name: '429 of the global limit', spec: { status: 429, retryAfter: 0.3, global: true } },
    { name: '500 before the route ran', spec: { status: 500 } },
    { name: '502 after the route ran (the response was lost)', spec: { status: 502, when: 'after' as const } },
  ];

  it.each(faults)('interaction callback: $name', async ({ spec }) => {
    const from = running!.logs().length;
    const requestsFrom = standIn.requests.length;
    standIn.failNext({ method: 'POST', pathPattern: CALLBACK, ...spec });
    const handle = standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' }));
    await expectAnsweredOnce(handle);
    const attempts = handle.requests().filter((r) => CALLBACK.test(r.path.replace('/api/v10', '')));
    expect(attempts.length).toBe(2);
    expect(attempts[0]?.status).toBe(spec.status);
    if (spec.when === 'after') {
      // The retry met 40060 (already acknowledged): delivered, not an error, and nobody is told it failed.
      expect(attempts[1]?.response).toMatchObject({ code: 40060 });
      expect(logsSince(from).filter((l) => l.level >= ERROR)).toEqual([]);
    }
    expect(handle.callbacks().filter((c) => c.status < 300)).toHaveLength(1);
    expect(injectedSince(requestsFrom)).toEqual([spec.status]);
  });

  it.each(faults)('edit of a deferred answer: $name', async ({ spec }) => {
    slowMs = 500;
    const from = running!.logs().length;
    const requestsFrom = standIn.requests.length;
    standIn.failNext({ method: 'PATCH', pathPattern: ORIGINAL_EDIT, ...spec });
    const handle = standIn.sendInteraction(slashCommand('slow', { question: 'polonez rocket system' }));
    await expectAnsweredOnce(handle);
    expect(handle.callbacks()[0]?.type).toBe(5);
    expect(handle.edits().map((e) => e.status)).toEqual(spec.when === 'after' ? [200, 200] : [200]);
    expect(logsSince(from).filter((l) => l.level >= ERROR)).toEqual([]);
    expect(injectedSince(requestsFrom)).toEqual([spec.status]);
  });

  it.each(faults)('deferral itself: $name', async ({ spec }) => {
    // A retried defer that meets 40060 was delivered: the answer must still be edited in.
    slowMs = 500;
    const from = running!.logs().length;
    const requestsFrom = standIn.requests.length;
    standIn.failNext({ method: 'POST', pathPattern: CALLBACK, ...spec });
    const handle = standIn.sendInteraction(slashCommand('slow', { question: 'polonez rocket system' }));
    await expectAnsweredOnce(handle);
    expect(
      handle
        .callbacks()
        .filter((c) => c.status < 300)
        .map((c) => c.type),
    ).toEqual([5]);
    expect(logsSince(from).filter((l) => l.level >= ERROR)).toEqual([]);
    expect(injectedSince(requestsFrom)).toEqual([spec.status]);
  });

  it.each(faults)('mention reply (channel message): $name', async ({ spec }) => {
    standIn.failNext({ method: 'POST', pathPattern: CHANNEL_MESSAGES, ...spec });
    const from = standIn.requests.length;
    const asked = standIn.sendMessage({ content: 'polonez rocket system', mentionsBot: true });
    const isReply = (m: StoredMessage): boolean =>
      m.message.author.id === BOT_ID && m.message.message_reference?.message_id === asked.id;
    const reply = await standIn.waitUntil(() => standIn.botMessages().find(isReply), 8_000, 'the mention reply');
    await sleep(250);
    expect(standIn.botMessages().filter(isReply)).toHaveLength(1);
    expect(pingsNobody(reply.pings)).toBe(true);
    expect(JSON.stringify(reply.message.embeds)).toContain('Polonez');

    // Every attempt carried the same nonce with enforce_nonce, so a retry after a lost response posts nothing new.
    const posts = await postsSince(from, 2);
    expect(posts.map((r) => r.status)).toEqual([spec.status, 200]);
    expect(injectedSince(from)).toEqual([spec.status]);
    const nonces = posts.map((r) => (r.body as { nonce?: unknown; enforce_nonce?: unknown }).nonce);
    expect(posts.every((r) => (r.body as { enforce_nonce?: unknown }).enforce_nonce === true)).toBe(true);
    expect(typeof nonces[0]).toBe('string');
    expect(new Set(nonces).size).toBe(1);
  });

  it('two mentions get two different nonces', async () => {
    const from = standIn.requests.length;
    for (const question of ['polonez', 'peacemaker']) {
      const asked = standIn.sendMessage({ content: question, mentionsBot: true });
      await standIn.waitForChannelMessage((m) => m.message_reference?.message_id === asked.id, 5_000);
    }
    const nonces = (await postsSince(from, 2)).map((r) => (r.body as { nonce?: unknown }).nonce);
    expect(new Set(nonces).size).toBe(2);
  });
});

/** The first response is a deferral within the deadline, then the answer is edited in, once; returns the edit. */
async function expectDeferredThenEdited(
  handle: InteractionHandle,
): Promise<Awaited<ReturnType<InteractionHandle['waitForOriginalEdit']>>> {
  const first = await handle.waitForCallback(5_000);
  expect(first.type).toBe(5);
  expect(first.status).toBe(204);
  expect(first.elapsedMs).toBeLessThan(standIn.interactionDeadlineMs);
  const edit = await handle.waitForOriginalEdit(6_000);
  expect(edit.status).toBe(200);
  await expectAnsweredOnce(handle);
  return edit;
}

describe('a slow handler, and an interaction that expired', () => {
  it('a command slower than 3 s is deferred within the deadline (production delay) and its answer edited in', async () => {
    await useBot();
    slowMs = 3_300;
    const handle = standIn.sendInteraction(slashCommand('slow', { question: 'polonez rocket system' }));
    const edit = await expectDeferredThenEdited(handle);
    expect(edit.elapsedMs).toBeGreaterThan(3_000);
  }, 20_000);

  it.each([
    ['on time', 0],
    ['after a public deferral', 600],
  ])(
    'a warning about what was typed is private %s: the deferred "thinking…" is replaced, not edited',
    async (_when, delay) => {
      await useBot({ deferAfterMs: 250 });
      slowMs = delay;
      const handle = standIn.sendInteraction(slashCommand('slow', { question: 'Xi', article: 'no-such-article' }));
      const first = await handle.waitForCallback(5_000);
      if (delay === 0) {
        expect(first.type).toBe(4);
        expect((first.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(EPHEMERAL);
        return;
      }
      expect(first.type).toBe(5);
      expect((first.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
      const [note] = await handle.waitForFollowUp(1, 6_000);
      expect((note?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(JSON.stringify(note?.embeds)).toContain('No article matches');
      expect(messagesOf(handle).filter((m) => ((m.message.flags ?? 0) & EPHEMERAL) === 0)).toEqual([]);
    },
    20_000,
  );

  // Created 1.3 s before delivery: past LATE_ARRIVAL_MS (the process is behind); 2.2 s: past the production
  // deferral time, 2 s after creation, as well.
  it.each([1_300, 2_200])(
    'an interaction delivered %i ms after Discord created it is deferred before any work, then answered by an edit',
    async (ago) => {
      await useBot();
      await expectDeferredThenEdited(
        standIn.sendInteraction({ ...slashCommand('ask', { question: 'polonez rocket system' }), createdMsAgo: ago }),
      );
    },
    20_000,
  );

  it('an interaction delivered a little late (under LATE_ARRIVAL_MS) is still answered in one step', async () => {
    await useBot();
    const handle = standIn.sendInteraction({
      ...slashCommand('ask', { question: 'polonez rocket system' }),
      createdMsAgo: LATE_ARRIVAL_MS - 400,
    });
    const first = await handle.waitForCallback(5_000);
    expect(first.type).toBe(4);
    expect(first.elapsedMs).toBeLessThan(standIn.interactionDeadlineMs);
    await expectAnsweredOnce(handle);
  }, 20_000);

  it('a reply that reaches Discord after the deadline (10062) is a warning; the bot keeps answering', async () => {
    await useBot({ deferAfterMs: 250 });
    const from = running!.logs().length;
    const deadline = standIn.interactionDeadlineMs;
    standIn.interactionDeadlineMs = 800;
    try {
      standIn.delay(CALLBACK, 1_100, { times: 1 });
      const late = standIn.sendInteraction(slashCommand('ask', { question: 'polonez' }));
      const callback = await late.waitForCallback(5_000);
      expect(callback.response).toMatchObject({ code: 10062 });
      await standIn.waitUntil(() => logsSince(from).find((l) => /10062/.test(l.msg ?? '')), 3_000, 'the 10062 warning');
      expect(messagesOf(late)).toHaveLength(0);
    } finally {
      standIn.interactionDeadlineMs = deadline;
    }
    const lines = logsSince(from);
    expect(lines.filter((l) => /10062/.test(l.msg ?? '')).map((l) => l.level)).toEqual([40]);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);

    const later = standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' }));
    await expectAnsweredOnce(later);
  });

  it('a deferral that arrives too late is a warning too, and nothing is edited into a dead token', async () => {
    slowMs = 600;
    const from = running!.logs().length;
    const deadline = standIn.interactionDeadlineMs;
    standIn.interactionDeadlineMs = 500;
    try {
      standIn.delay(CALLBACK, 700, { times: 1 });
      const late = standIn.sendInteraction(slashCommand('slow', { question: 'polonez' }));
      expect((await late.waitForCallback(5_000)).response).toMatchObject({ code: 10062 });
      await standIn.waitUntil(
        () => logsSince(from).find((l) => l.level === 40 && /could not defer/.test(l.msg ?? '')),
        3_000,
        'the warning',
      );
      await sleep(slowMs);
      expect(late.webhookCalls()).toEqual([]);
    } finally {
      standIn.interactionDeadlineMs = deadline;
    }
    expect(logsSince(from).filter((l) => l.level >= ERROR)).toEqual([]);
    await expectAnsweredOnce(standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' })));
  });
});

describe('mention replies in a thread (MENTION_REPLY_MODE=thread)', () => {
  beforeAll(async () => {
    await useBot({ env: { MENTION_REPLY_MODE: 'thread' } });
  });
  afterAll(async () => {
    await useBot({ deferAfterMs: 250 });
  });

  /** The answers in the thread started on `asked` (a thread from a message has the message's id). */
  const answersInThread = (asked: { id: string }): StoredMessage[] =>
    standIn.messages(asked.id).filter((m) => m.message.author.id === BOT_ID);

  it.each([
    { name: 'no fault', fault: undefined },
    { name: '502 after the thread was made (the retry meets 160004)', fault: { status: 502, when: 'after' as const } },
    { name: '500 before the thread was made', fault: { status: 500 } },
  ])('the answer is posted once, in the thread on the question: $name', async ({ fault }) => {
    if (fault) standIn.failNext({ method: 'POST', pathPattern: /^\/channels\/\d+\/messages\/\d+\/threads$/, ...fault });
    const from = standIn.requests.length;
    const asked = standIn.sendMessage({ content: 'polonez rocket system', mentionsBot: true });
    const answer = await standIn.waitUntil(() => answersInThread(asked)[0], 8_000, 'the answer in the thread');
    await sleep(250);
    expect(answersInThread(asked)).toHaveLength(1);
    expect(JSON.stringify(answer.message.embeds)).toContain('Polonez');
    expect(pingsNobody(answer.pings)).toBe(true);
    if (fault) expect(injectedSince(from)).toEqual([fault.status]);
    // Nothing went to the channel itself.
    expect(standIn.botMessages().filter((m) => m.message.message_reference?.message_id === asked.id)).toHaveLength(0);
  });
});

describe('errors inside the bot are logged, never fatal', () => {
  beforeAll(async () => {
    if (!running) await useBot({ deferAfterMs: 250 });
  }, 30_000);

  it('an answer that fails after its deferral expired is logged, not left as an unhandled rejection', async () => {
    // vitest fails the run on an unhandled rejection, so this test fails if the bot leaves one behind.
    slowMs = 600;
    const from = running!.logs().length;
    const deadline = standIn.interactionDeadlineMs;
    standIn.interactionDeadlineMs = 300;
    try {
      standIn.delay(CALLBACK, 400, { times: 1 });
      const late = standIn.sendInteraction(slashCommand('slow-broken', { question: 'anything' }));
      expect((await late.waitForCallback(5_000)).response).toMatchObject({ code: 10062 });
      await standIn.waitUntil(
        () => logsSince(from).find((l) => l.msg === 'answer failed after its deferral failed'),
        3_000,
        'the error line',
      );
    } finally {
      standIn.interactionDeadlineMs = deadline;
    }
    await sleep(100);
  });

  it('client and shard error events are logged, and the next question is answered', async () => {
    const from = running!.logs().length;
    running!.bot.client.emit(Events.Error, new Error('simulated client error'));
    running!.bot.client.emit(Events.ShardError, new Error('simulated shard error'), 0);
    const lines = logsSince(from);
    expect(lines.find((l) => l.msg === 'client error')).toMatchObject({
      level: ERROR,
      err: { message: 'simulated client error' },
    });
    expect(lines.find((l) => l.msg === 'shard error')).toMatchObject({
      level: ERROR,
      shard: 0,
      err: { message: 'simulated shard error' },
    });
    await expectAnsweredOnce(standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' })));
  });

  it('a reply the adapter cannot draw gets a short private apology, logged with who asked', async () => {
    const from = running!.logs().length;
    const handle = standIn.sendInteraction(slashCommand('broken', { question: 'anything' }));
    const callback = await handle.waitForCallback(5_000);
    const body = callback.body as { type: number; data: MessagePayload & { flags?: number } };
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(body.data)).toContain('Something went wrong on our side');
    expect(JSON.stringify(body.data)).not.toMatch(/TypeError|at \w+ \(/);
    const failure = logsSince(from).find((l) => l.msg === 'interaction failed');
    expect(failure).toMatchObject({ level: ERROR, user: standIn.defaultUser.id });
    await expectAnsweredOnce(standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' })));
  });
});

describe('the logs', () => {
  it('an edit that fails past every retry is logged with the webhook URL scrubbed, and the user still hears back', async () => {
    slowMs = 500;
    const from = running!.logs().length;
    standIn.failNext({ method: 'PATCH', pathPattern: ORIGINAL_EDIT, status: 500, times: 4 });
    const handle = standIn.sendInteraction(slashCommand('slow', { question: 'polonez' }));
    const failure = await standIn.waitUntil(
      () => logsSince(from).find((l) => l.msg === 'interaction failed'),
      8_000,
      'the failure line',
    );
    expect(JSON.stringify(failure)).toMatch(/webhooks\/\d+\/\[redacted\]\/messages/);
    const told = await standIn.waitUntil(() => handle.edits().find((e) => e.status === 200), 5_000, 'the apology');
    expect(JSON.stringify(told.body)).toContain('Something went wrong on our side');
  });

  it('no log line of any bot in this file holds a token: the bot token, or any interaction (webhook) token', () => {
    const logs = earlierLogs + running!.rawLogs();
    for (const line of logs.split('\n').filter((l) => l !== ''))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    const tokens = standIn.gatewayLog
      .filter((e) => e.t === 'INTERACTION_CREATE')
      .map((e) => (e.d as { token: string }).token);
    expect(tokens.length).toBeGreaterThan(20);
    expect(logs.includes(TOKEN)).toBe(false);
    // The whole token, and its last 32 characters (the random part), so a cut-off token is caught too.
    for (const token of new Set(tokens)) expect(logs.includes(token) || logs.includes(token.slice(-32))).toBe(false);
  });
});

describe('the gateway drops, and the bot comes back and answers', () => {
  beforeAll(async () => {
    if (!running) await useBot({ deferAfterMs: 250 });
  }, 30_000);

  const identifies = (): number => standIn.gatewayLog.filter((e) => e.direction === 'received' && e.op === 2).length;
  const resumes = (): number => standIn.gatewayLog.filter((e) => e.direction === 'received' && e.op === 6).length;

  /** Triggers a fault, waits until the bot is back (RESUMED or READY), then checks an interaction is answered. */
  async function backAndAnswering(
    fault: () => void,
    back: 'RESUMED' | 'READY',
    options: { duringOutage?: boolean } = {},
  ): Promise<void> {
    const returned = standIn.waitForGateway((e) => e.direction === 'sent' && e.t === back, 12_000);
    fault();
    // Dispatched while the connection is down: the resume replays it.
    const meanwhile = options.duringOutage
      ? standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' }))
      : undefined;
    await returned;
    const after = standIn.sendInteraction(slashCommand('ask', { question: 'polonez rocket system' }));
    await expectAnsweredOnce(after);
    expect((await after.waitForCallback()).elapsedMs).toBeLessThan(3_000);
    if (meanwhile) await expectAnsweredOnce(meanwhile);
  }

  it.each([
    {
      name: 'close 4000: resumes the session and answers what was dispatched meanwhile',
      drop: () => standIn.closeGateway(4000),
      duringOutage: true,
    },
    { name: 'op 7 reconnect: resumes', drop: () => standIn.requestReconnect(), duringOutage: false },
    { name: 'op 9 resumable: resumes', drop: () => standIn.invalidateSession(true), duringOutage: false },
    {
      name: 'heartbeats not acknowledged (a zombie connection): reconnects and resumes',
      drop: () => standIn.stopAcking(),
      duringOutage: false,
    },
  ])('$name', async ({ drop, duringOutage }) => {
    const [i, r] = [identifies(), resumes()];
    await backAndAnswering(drop, 'RESUMED', duringOutage ? { duringOutage: true } : {});
    expect([identifies() - i, resumes() - r]).toEqual([0, 1]);
  });

  it('op 9 not resumable: identifies again with a new session', async () => {
    // discord.js spaces IDENTIFYs of a shard 5 s apart, so this can take up to ~6.5 s.
    const [i, r] = [identifies(), resumes()];
    const before = standIn.sessions().map((s) => s.sessionId);
    await backAndAnswering(() => standIn.invalidateSession(false), 'READY');
    expect([identifies() - i, resumes() - r]).toEqual([1, 0]);
    expect(standIn.sessions().map((s) => s.sessionId)).not.toEqual(before);
  }, 20_000);
});
