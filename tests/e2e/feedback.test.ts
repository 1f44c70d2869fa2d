import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord-api-types/v10';
import {
  button,
  type DiscordStandIn,
  type InteractionHandle,
  labelledModalSubmit,
  messageContextMenu,
  slashCommand,
} from '../stand-in/discord-stand-in.js';
import { captureLog, ENGINES, rawDb, useEngine } from '../store/engines.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { StoreLocation } from '../../src/store/open-store.js';
import { decodeVote } from '../../src/discord/custom-id.js';
import { type RunningProcess, sleep, startBotAgainst, startStandIn, stopBot } from './harness.js';

const MANAGE_SERVER = 1n << 5n;
const EPHEMERAL = 1 << 6;
const MODAL = 9;
const CHANNEL_MESSAGE = 4;

interface Callback {
  readonly type: number | null;
  readonly status: number;
  readonly body: { data?: { flags?: number; custom_id?: string; embeds?: unknown[] } };
}

/** The custom_ids of a message's buttons, row by row. */
function buttonIds(message: APIMessage): string[][] {
  return (message.components ?? []).map((row) =>
    'components' in row ? row.components.map((c) => ('custom_id' in c ? c.custom_id : '')) : [],
  );
}

describe.each(ENGINES)('👍/👎 on answers, through the stand-in with the store on %s', (engine) => {
  const fixture = useEngine(engine);
  let standIn: DiscordStandIn;
  let bot: RunningProcess | undefined;
  let location: StoreLocation;
  let store: KyselyStore;
  const alice = { id: '900000000000000101', username: 'alice' };
  const bob = { id: '900000000000000102', username: 'bob' };

  beforeAll(async () => {
    location = await fixture.freshLocation();
    standIn = await startStandIn();
    standIn.addUser(alice);
    standIn.addUser(bob);
    bot = await startBotAgainst(standIn, {
      DATABASE_URL: location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url,
    });
    store = await fixture.open(location, { logger: captureLog().logger });
  }, 60_000);
  afterAll(async () => {
    await stopBot(bot);
    await standIn?.stop();
  });

  const ask = async (question: string): Promise<APIMessage> => {
    const handle = standIn.sendInteraction(slashCommand('ask', { question }, { user: alice }));
    await handle.waitForCallback(5_000);
    const message = handle.originalMessage();
    if (!message) throw new Error('no answer message');
    return message;
  };

  const votesFor = (answerKey: string) =>
    rawDb(store)
      .selectFrom('votes')
      .select(['voter_hash', 'value', 'reason_kind', 'reason_text', 'passage_id'])
      .where('answer_key', '=', answerKey)
      .execute();

  /** Polls until the bot's queued write shows (or the deadline passes), then returns the rows. */
  const settledVotes = async (answerKey: string, ready: (rows: Awaited<ReturnType<typeof votesFor>>) => boolean) => {
    const deadline = Date.now() + 5_000;
    let rows = await votesFor(answerKey);
    while (!ready(rows) && Date.now() < deadline) {
      await sleep(50);
      rows = await votesFor(answerKey);
    }
    return rows;
  };

  const press = (id: string, message: APIMessage, user: typeof alice): InteractionHandle =>
    standIn.sendInteraction(button(id, message, { user }));

  it('an answer carries 👍 and 👎 on a row of their own, naming the answer and its top passage', async () => {
    const message = await ask('polonez rocket system');
    const rows = buttonIds(message);
    expect(rows).toHaveLength(2);
    const votes = rows[1]!.map(decodeVote);
    expect(votes.map((v) => v?.value)).toEqual(['up', 'down']);
    expect(votes[0]?.passageId).toMatch(/#\d+$/);
  });

  it('👍 then 👎 from the same person leaves one vote, a 👎; each press is answered privately', async () => {
    const message = await ask('polonez rocket system');
    const [up, down] = buttonIds(message)[1]!;
    const key = decodeVote(up!)!.key;

    const upCallback = (await press(up!, message, alice).waitForCallback(5_000)) as Callback;
    expect(upCallback.type).toBe(CHANNEL_MESSAGE);
    expect((upCallback.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(upCallback.body)).toContain('Thanks');
    expect(await settledVotes(key, (r) => r.length === 1)).toMatchObject([{ value: 1 }]);

    const downCallback = (await press(down!, message, alice).waitForCallback(5_000)) as Callback;
    expect(downCallback.type).toBe(MODAL);
    expect(downCallback.status).toBe(204);
    const rows = await settledVotes(key, (r) => r[0]?.value === -1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: -1, reason_kind: null, passage_id: decodeVote(down!)!.passageId });
    // The answer itself is as it was for everyone else: no press edited it.
    expect(buttonIds(standIn.message(message.id)!.message)).toEqual(buttonIds(message));
  });

  it('the 👎 modal submit records the reason on that same vote, and /gaps-style reports show it', async () => {
    const message = await ask('freight trains from China to Europe');
    const down = buttonIds(message)[1]![1]!;
    const key = decodeVote(down)!.key;
    const modal = (await press(down, message, alice).waitForCallback(5_000)) as Callback;
    expect(modal.type).toBe(MODAL);
    const submit = standIn.sendInteraction(
      labelledModalSubmit(
        modal.body.data!.custom_id!,
        { reason: ['not-in-library'], text: 'I wanted the 2023 figures' },
        { user: alice, message },
      ),
    );
    const thanks = (await submit.waitForCallback(5_000)) as Callback;
    expect(thanks.type).toBe(CHANNEL_MESSAGE);
    expect((thanks.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const rows = await settledVotes(key, (r) => r[0]?.reason_kind === 'not-in-library');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      value: -1,
      reason_kind: 'not-in-library',
      reason_text: 'I wanted the 2023 figures',
    });
    const report = await store.gapsReport(standIn.defaultGuildId, 7);
    const passage = decodeVote(down)!.passageId;
    const entry = report.ok ? report.value.downvoted.find((d) => d.passageId === passage) : undefined;
    expect(entry?.reasons).toContain('not in the library: I wanted the 2023 figures');
  });

  it('the same press delivered twice counts once, and two people’s votes both count', async () => {
    const message = await ask('polonez rocket system');
    const [up, down] = buttonIds(message)[1]!;
    const key = decodeVote(up!)!.key;
    const first = press(up!, message, bob);
    await first.waitForCallback(5_000);
    first.redeliver();
    await standIn.waitUntil(() => first.callbacks()[1], 5_000, 'the redelivered press answered');
    expect(first.callbacks()[1]?.status).toBe(400);
    await (press(down!, message, alice).waitForCallback(5_000) as Promise<unknown>);
    const rows = await settledVotes(key, (r) => r.length === 2);
    await sleep(300);
    expect(await votesFor(key)).toHaveLength(2);
    expect(rows.map((r) => r.value).sort()).toEqual([-1, 1]);
  });

  it('a mention answer carries the buttons too, and anyone in the channel may vote on it', async () => {
    const asked = standIn.sendMessage({ content: 'polonez rocket system', mentionsBot: true });
    const answer = await standIn.waitUntil(
      () => standIn.messages().find((m) => m.message.message_reference?.message_id === asked.id),
      8_000,
      'the mention answer',
    );
    const up = buttonIds(answer.message)[1]?.[0];
    expect(up && decodeVote(up)?.value).toBe('up');
    const thanks = (await press(up!, answer.message, bob).waitForCallback(5_000)) as Callback;
    expect((thanks.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(await settledVotes(decodeVote(up!)!.key, (r) => r.length === 1)).toMatchObject([{ value: 1 }]);
  });

  it('a Find sources answer carries the buttons too', async () => {
    const target = standIn.sendMessage({ content: 'Belarus offered state-owned enterprises to Chinese corporations' });
    const handle = standIn.sendInteraction(messageContextMenu('Find sources', target, { user: alice }));
    await handle.waitForCallback(5_000);
    const votes = buttonIds(handle.originalMessage()!)[1]?.map(decodeVote);
    expect(votes?.map((v) => v?.value)).toEqual(['up', 'down']);
  });

  it('/settings set feedback:false takes the buttons off the next answer, and the buttons of earlier answers no longer count', async () => {
    const earlier = await ask('how much has China invested in Belarus?');
    const [up, down] = buttonIds(earlier)[1]!;
    const key = decodeVote(up!)!.key;
    const saved = await standIn
      .sendInteraction(slashCommand('settings set', { feedback: false }, { memberPermissions: MANAGE_SERVER }))
      .waitForCallback(5_000);
    expect(JSON.stringify(saved.body)).toContain('Saved');
    const message = await ask('polonez rocket system');
    const ids = buttonIds(message).flat();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => decodeVote(id) !== undefined)).toBe(false);

    for (const id of [up!, down!]) {
      const callback = (await press(id, earlier, bob).waitForCallback(5_000)) as Callback;
      // A private note, not the 👎 modal: nothing is asked that would not be kept.
      expect(callback.type).toBe(CHANNEL_MESSAGE);
      expect((callback.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(JSON.stringify(callback.body)).toContain('turned feedback off');
    }
    await sleep(300);
    expect(await votesFor(key)).toEqual([]);
  });
});
