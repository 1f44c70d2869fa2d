/**
 * Issue 5, the process: `npm start`'s entry point is spawned against the stand-in. A login that cannot succeed ends
 * in one clear message and exit 1 without a reconnect loop; SIGTERM/SIGINT let answers in flight finish and exit 0;
 * an unhandled rejection is logged and survived; the logs are JSON lines and never hold a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPayload, type MessagePayload } from '../../src/discord/limits.js';
import { type DiscordStandIn, type InteractionHandle, slashCommand } from '../stand-in/discord-stand-in.js';
import {
  BOT_ID,
  registerCommands,
  type RunningProcess,
  runEntry,
  botEnv,
  sleep,
  startEntryAgainst,
  startStandIn,
  TOKEN,
  waitForOutput,
} from './harness.js';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;
const EPHEMERAL = 1 << 6;
/** Send Messages (1 << 11) is what the bot lacks in #locked; it can still see the channel. */
const VIEW_AND_READ = (1n << 10n) | (1n << 16n);

const identifies = (standIn: DiscordStandIn): number =>
  standIn.gatewayLog.filter((e) => e.direction === 'received' && e.op === 2).length;
const connections = (standIn: DiscordStandIn): number =>
  standIn.gatewayLog.filter((e) => e.direction === 'sent' && e.op === 10).length;

/** Lines of stderr that are not JSON: what a person reads when the bot stops. */
function humanLines(proc: RunningProcess): string[] {
  return proc
    .stderr()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('{'));
}

/**
 * Polls (rather than waiting on the stand-in's change events): a callback is recorded a moment after the change that
 * announces it, and with a held response the next change comes only when the response is sent.
 */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

async function exitWithin(proc: RunningProcess, ms: number): Promise<number | null> {
  const timeout = sleep(ms).then(() => 'timeout' as const);
  const result = await Promise.race([proc.exited, timeout]);
  if (result === 'timeout') {
    proc.child.kill('SIGKILL');
    throw new Error(`the bot did not exit within ${ms} ms:\n${proc.output()}`);
  }
  return result;
}

describe.concurrent('a login that cannot succeed: one clear message, exit 1, no reconnect loop', () => {
  /** Each case gets its own stand-in, so they can run side by side. */
  async function fatalCase(options: {
    token?: string;
    closeAfter?: 'hello' | 'ready';
    code?: number;
  }): Promise<{ standIn: DiscordStandIn; proc: RunningProcess; code: number | null }> {
    const standIn = await startStandIn();
    try {
      if (options.closeAfter === 'hello') {
        void standIn
          .waitForGateway((e) => e.direction === 'sent' && e.op === 10, 25_000)
          .then(
            () => standIn.closeGateway(options.code!),
            () => undefined,
          );
      }
      const env = botEnv(standIn, options.token ? { DISCORD_TOKEN: options.token } : {});
      const proc =
        options.closeAfter === 'ready' ? await startEntryAgainst(standIn, env) : runEntry('src/bin/main.ts', env);
      if (options.closeAfter === 'ready') standIn.closeGateway(options.code!);
      const code = await exitWithin(proc, 20_000);
      // Time for a reconnect attempt to show, had the process somehow kept one going.
      await sleep(300);
      return { standIn, proc, code };
    } finally {
      await standIn.stop();
    }
  }

  it('a token Discord refuses (401, 4004): says to reset it, exit 1, never identifies', async () => {
    const wrong = `${Buffer.from(BOT_ID).toString('base64url')}.AbCdEf.${'y'.repeat(27)}`;
    const { standIn, proc, code } = await fatalCase({ token: wrong });
    expect(code).toBe(1);
    expect(humanLines(proc)).toEqual([
      expect.stringMatching(/^Discord refused the token \(4004\)\. Reset it .*DISCORD_TOKEN/),
    ]);
    expect(identifies(standIn)).toBe(0);
    expect(proc.output()).not.toContain(wrong);
  });

  it('4014 when identifying (an intent not enabled): names the intent problem, one connection only', async () => {
    const { standIn, proc, code } = await fatalCase({ closeAfter: 'hello', code: 4014 });
    expect(code).toBe(1);
    expect(humanLines(proc)).toEqual([expect.stringMatching(/^Discord refused an intent \(4014\)/)]);
    expect(connections(standIn)).toBe(1);
  });

  it('4014 while running (an intent withdrawn in the portal): exits 1 instead of idling without a connection', async () => {
    const { standIn, proc, code } = await fatalCase({ closeAfter: 'ready', code: 4014 });
    expect(code).toBe(1);
    expect(humanLines(proc)).toEqual([expect.stringMatching(/^Discord refused an intent \(4014\)/)]);
    expect(connections(standIn)).toBe(1);
    expect(identifies(standIn)).toBe(1);
  });
});

describe('a session with errors, an unhandled rejection, then SIGTERM mid-answer', () => {
  let standIn: DiscordStandIn;
  let bot: RunningProcess;
  let lockedChannel: string;
  const handles: InteractionHandle[] = [];
  const send = (question: string): InteractionHandle => {
    const handle = standIn.sendInteraction(slashCommand('ask', { question }));
    handles.push(handle);
    return handle;
  };

  beforeAll(async () => {
    standIn = await startStandIn({
      guilds: [
        { name: 'Stand-in Guild', channels: [{ name: 'general' }, { name: 'locked', botPermissions: VIEW_AND_READ }] },
      ],
    });
    lockedChannel = standIn.guild().channelIds[1]!;
    await registerCommands(standIn);
    // Rejects one promise nobody handles, as soon as the bot has installed its process-wide handler.
    const preload = `const t=setInterval(()=>{if(process.listenerCount('unhandledRejection')>0){clearInterval(t);Promise.reject(new Error('stray rejection from the test preload'))}},20);t.unref();`;
    bot = await startEntryAgainst(standIn, {
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}`,
    });
  }, 30_000);

  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await standIn?.stop();
  });

  it('an unhandled rejection is logged as an error, and the bot keeps answering', async () => {
    await waitForOutput(bot, 'unhandled rejection', 5_000);
    const line = bot
      .stderr()
      .split('\n')
      .find((l) => l.includes('unhandled rejection'));
    expect(JSON.parse(line!)).toMatchObject({
      level: 50,
      msg: 'unhandled rejection',
      err: { message: 'stray rejection from the test preload' },
    });
    const callback = await send('polonez').waitForCallback(5_000);
    expect(callback.status).toBe(204);
    expect(JSON.stringify(callback.body)).toContain('Polonez');
  });

  it('errors along the way (5xx past every retry, 429, an expired interaction, 50013) are survived', async () => {
    // Four 500s: discord.js gives up on the reply; the user gets the short apology instead.
    standIn.failNext({ method: 'POST', pathPattern: CALLBACK, status: 500, times: 4 });
    const failed = send('polonez');
    await waitForOutput(bot, 'interaction failed', 8_000);
    const apology = (
      await standIn.waitUntil(() => failed.callbacks().find((c) => c.status < 300), 5_000, 'the apology')
    ).body as {
      data: MessagePayload & { flags?: number };
    };
    expect((apology.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(apology.data)).toContain('Something went wrong on our side');

    standIn.failNext({ method: 'POST', pathPattern: CALLBACK, status: 429, retryAfter: 0.2 });
    expect((await send('peacemaker').waitForCallback(5_000)).status).toBe(204);

    const deadline = standIn.interactionDeadlineMs;
    standIn.interactionDeadlineMs = 600;
    standIn.delay(CALLBACK, 900, { times: 1 });
    try {
      const expired = send('polonez');
      expect((await expired.waitForCallback(5_000)).response).toMatchObject({ code: 10062 });
      await waitForOutput(bot, '10062', 3_000);
    } finally {
      standIn.interactionDeadlineMs = deadline;
    }

    standIn.sendMessage({ content: 'polonez', mentionsBot: true, channelId: lockedChannel });
    await waitForOutput(bot, 'missing permission', 5_000);
    const refused = standIn.requests.filter((r) => r.path.endsWith(`/channels/${lockedChannel}/messages`));
    expect(refused.map((r) => [r.status, (r.response as { code?: number }).code])).toEqual([[403, 50013]]);

    const after = await send('polonez rocket system').waitForCallback(5_000);
    expect(after.status).toBe(204);
    expect(checkPayload((after.body as { data: MessagePayload }).data)).toEqual([]);
  });

  it('SIGTERM while a reply is in flight: no new work, the reply is delivered, then exit 0', async () => {
    // The route runs at once (the answer is stored) but its HTTP response is held: the bot's request is in flight.
    standIn.delay(CALLBACK, 1_500, { times: 1, when: 'after' });
    const inFlight = send('polonez rocket system');
    await until(() => inFlight.callbacks().length > 0);
    const signalledAt = Date.now();
    bot.child.kill('SIGTERM');
    await waitForOutput(bot, 'stopping', 5_000);
    const ignored = send('peacemaker');

    expect(await exitWithin(bot, 10_000)).toBe(0);
    const exitedAt = Date.now();
    const reply = standIn.requests.find((r) => r.path.includes(`/interactions/${inFlight.id}/`));
    expect(reply?.status).toBe(204);
    // It waited for the held response (1.5 s) rather than dropping it.
    expect(exitedAt - signalledAt).toBeGreaterThanOrEqual(1_000);
    expect(exitedAt).toBeGreaterThanOrEqual(reply!.at + reply!.durationMs);
    expect(ignored.callbacks()).toEqual([]);
    expect(bot.stderr()).not.toContain('still in flight');
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  it('every log line is JSON (pino), and no token the stand-in issued appears anywhere in the output', () => {
    const lines = bot
      .stderr()
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const entry = JSON.parse(line) as { level?: unknown; time?: unknown; msg?: unknown };
      expect(typeof entry.level).toBe('number');
      expect(typeof entry.time).toBe('number');
    }
    // The failures above put interaction URLs (with their tokens) into logged errors; they must be scrubbed.
    expect(bot.stderr()).toContain('interactions/');
    const output = bot.output();
    expect(handles.length).toBeGreaterThanOrEqual(6);
    expect(output).not.toContain(TOKEN);
    for (const token of handles.map((h) => h.token)) {
      expect(output).not.toContain(token);
      // Nor its random tail, in case a token was cut short somewhere.
      expect(output).not.toContain(token.slice(-32));
    }
  });
});

describe('SIGINT and the grace period', () => {
  let standIn: DiscordStandIn;

  beforeAll(async () => {
    standIn = await startStandIn();
    await registerCommands(standIn);
  });

  afterAll(async () => {
    await standIn?.stop();
  });

  it('SIGINT: a reply that finishes within SHUTDOWN_GRACE_MS is delivered; one that does not, does not hold the exit', async () => {
    const bot = await startEntryAgainst(standIn, { SHUTDOWN_GRACE_MS: '2500' });
    try {
      // Both routes run at once; their HTTP responses are held, 1.2 s for the mention reply and 10 s for the callback.
      standIn.delay(CHANNEL_MESSAGES, 1_200, { times: 1, when: 'after', method: 'POST' });
      standIn.delay(CALLBACK, 10_000, { times: 1, when: 'after' });
      const asked = standIn.sendMessage({ content: 'polonez rocket system', mentionsBot: true });
      const stuck = standIn.sendInteraction(slashCommand('ask', { question: 'polonez' }));
      await until(
        () =>
          stuck.callbacks().length > 0 &&
          standIn.botMessages().some((m) => m.message.message_reference?.message_id === asked.id),
      );
      const signalledAt = Date.now();
      bot.child.kill('SIGINT');
      expect(await exitWithin(bot, 8_000)).toBe(0);
      const took = Date.now() - signalledAt;
      expect(took).toBeGreaterThanOrEqual(2_000);
      expect(took).toBeLessThan(6_000);

      // The mention reply's response came back within the grace period, before the exit.
      const post = standIn.requests.find(
        (r) => r.method === 'POST' && CHANNEL_MESSAGES.test(r.path.replace('/api/v10', '')),
      );
      expect(post?.status).toBe(200);
      expect(signalledAt + took).toBeGreaterThanOrEqual(post!.at + post!.durationMs);
      expect(standIn.botMessages().filter((m) => m.message.message_reference?.message_id === asked.id)).toHaveLength(1);
      const warning = bot
        .stderr()
        .split('\n')
        .find((l) => l.includes('answers still in flight at the end of the grace period'));
      expect(JSON.parse(warning!)).toMatchObject({ level: 40, graceMs: 2_500 });
      expect(bot.stderr()).toContain('"msg":"stopped"');
    } finally {
      bot.child.kill('SIGKILL');
      standIn.clearFaults();
    }
  });
});
