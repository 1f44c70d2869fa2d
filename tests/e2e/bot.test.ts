import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPayload, type MessagePayload } from '../../src/discord/limits.js';
import {
  autocomplete,
  button,
  type DiscordStandIn,
  messageContextMenu,
  pingsNobody,
  slashCommand,
} from '../stand-in/discord-stand-in.js';
import { LANGUAGES } from '../../src/i18n/index.js';
import { BOT_ID, type RunningProcess, startBotAgainst, startStandIn, stopBot } from './harness.js';

const EPHEMERAL = 1 << 6;
const MANAGE_SERVER = 1n << 5n;

interface CallbackBody {
  type: number;
  data?: MessagePayload & {
    flags?: number;
    allowed_mentions?: { parse?: string[] };
    choices?: { name: string; value: string }[];
  };
}

let standIn: DiscordStandIn;

/** The next message the bot posts in a channel as a reply (not an interaction response), after `send` runs. */
async function nextBotReply(send: () => void) {
  const seen = new Set(standIn.botMessages().map((m) => m.message.id));
  send();
  return standIn.waitForChannelMessage(
    (m) => m.author.id === BOT_ID && !seen.has(m.id) && m.message_reference !== undefined,
    5_000,
  );
}
let bot: RunningProcess | undefined;

beforeAll(async () => {
  standIn = await startStandIn();
  // SHARD_COUNT=auto is Footnote's setting for start:sharded; a single process must start with it set all the same.
  bot = await startBotAgainst(standIn, { SHARD_COUNT: 'auto' });
}, 60_000);

afterAll(async () => {
  const code = await stopBot(bot);
  await standIn?.stop();
  expect(code).toBe(0);
});

/** Every payload the bot sends must fit Discord's limits and ping nobody. */
function expectSafe(body: CallbackBody): void {
  if (body.data && body.type !== 8) {
    expect(checkPayload(body.data)).toEqual([]);
    expect(body.data.allowed_mentions?.parse ?? null).toEqual([]);
  }
}

async function call(init: Parameters<DiscordStandIn['sendInteraction']>[0]): Promise<{
  body: CallbackBody;
  elapsedMs: number;
  status: number;
  handle: ReturnType<DiscordStandIn['sendInteraction']>;
}> {
  const handle = standIn.sendInteraction(init);
  const callback = await handle.waitForCallback(5_000);
  const body = callback.body as CallbackBody;
  expectSafe(body);
  return { body, elapsedMs: callback.elapsedMs, status: callback.status, handle };
}

describe('Footnote in Discord, end to end against a local stand-in', () => {
  it('deploy-commands registers every command of the registry to the guild, with its names in five languages', () => {
    const registered = standIn.registeredCommands(standIn.defaultGuildId);
    const ask = registered.find((c) => c.name === 'ask') as { name_localizations?: Record<string, string> } | undefined;
    expect(ask?.name_localizations).toMatchObject({
      ru: 'спросить',
      'es-ES': expect.any(String),
      'es-419': expect.any(String),
    });
    const names = registered.map((c) => c.name);
    expect(names.sort()).toEqual([
      'Find sources',
      'ask',
      'gaps',
      'help',
      'investment',
      'library',
      'privacy',
      'settings',
      'sources',
      'timeline',
    ]);
  });

  it('/ask answers within 3 seconds with the cited $2.6 billion paragraph', async () => {
    const { body, elapsedMs, status } = await call(
      slashCommand('ask', { question: 'how much has China invested in Belarus?' }),
    );
    expect(status).toBeLessThan(300);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(body.type).toBe(4);
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe('Belarus’ Balancing Act with China');
    expect(embed?.description).toContain('$2.6 billion');
    expect(embed?.footer?.text).toContain('Nikola Mikovic · Chinese Interest in Belarus · ¶3');
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const labels = body.data?.components?.[0]?.components.map((c) => ('label' in c ? c.label : ''));
    expect(labels).toEqual(['◀ Previous', 'Next ▶', 'Show context']);
  });

  it('pages through results and shows context by editing the same message', async () => {
    const first = await call(slashCommand('ask', { question: 'Lukashenko Xi Jinping' }));
    const message = first.handle.originalMessage();
    expect(message).toBeDefined();
    const next = first.body.data?.components?.[0]?.components[1];
    const nextId = next && 'custom_id' in next ? next.custom_id : '';
    const paged = await call(button(nextId, message!));
    expect(paged.body.type).toBe(7);
    expect(paged.body.data?.embeds?.[0]?.footer?.text).toMatch(/Result 2 of/);

    const context = first.body.data?.components?.[0]?.components[2];
    const contextId = context && 'custom_id' in context ? context.custom_id : '';
    const shown = await call(button(contextId, message!));
    expect(shown.body.type).toBe(7);
    expect(shown.body.data?.embeds?.[0]?.title).toContain('Context');
    expect(shown.body.data?.embeds?.[0]?.description).toMatch(/¶\d+ ▶/);
  });

  it('pages an answer to a question over 100 characters under the whole question, with the excerpts first chosen', async () => {
    const question =
      'how much has China invested in Belarus and how much Chinese investment went into the Belarusian economy over thirty years?';
    const first = await call(slashCommand('ask', { question }));
    const buttons = first.body.data?.components?.[0]?.components ?? [];
    const id = (i: number): string => {
      const component = buttons[i];
      return component && 'custom_id' in component ? component.custom_id : '';
    };
    const second = await call(button(id(1), first.handle.originalMessage()!));
    expect(second.body.data?.embeds?.[0]?.author?.name).toBe(`❓ ${question}`);
    expect(second.body.data?.embeds?.[0]?.footer?.text).toMatch(/Result 2 of/);
    const back = second.body.data?.components?.[0]?.components[0];
    const again = await call(
      button(back && 'custom_id' in back ? back.custom_id : '', first.handle.originalMessage()!),
    );
    expect(again.body.data?.embeds).toEqual(first.body.data?.embeds);
  });

  it('page 2 of a filtered /timeline keeps every option, however it is written', async () => {
    const labels = (body: CallbackBody): string[] =>
      [...(body.data?.embeds?.[0]?.description ?? '').matchAll(/^\*\*([^*]+)\*\*/gm)].map((m) => m[1]!);
    const nextPage = async (first: Awaited<ReturnType<typeof call>>): Promise<CallbackBody> => {
      const next = first.body.data?.components?.[0]?.components[1];
      return (await call(button(next && 'custom_id' in next ? next.custom_id : '', first.handle.originalMessage()!)))
        .body;
    };
    const whole = await call(slashCommand('timeline', {}));
    const filtered = await call(
      slashCommand('timeline', { from: '1900-01-01', to: '2099-12-31', article: 'Belarus’ Balancing Act with China' }),
    );
    expect(filtered.body.data?.embeds?.[0]?.footer?.text).toBe('Page 1 of 2');
    expect(labels(filtered.body)).toEqual(labels(whole.body));
    const page2 = await nextPage(filtered);
    expect(page2.data?.embeds?.[0]?.footer?.text).toBe('Page 2 of 2');
    expect(labels(page2)).toEqual(labels(await nextPage(whole)));
  });

  it('a private answer is ephemeral and can be posted publicly', async () => {
    const first = await call(slashCommand('ask', { question: 'polonez', private: true }));
    expect((first.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const publish = first.body.data?.components?.[0]?.components.find(
      (c) => 'label' in c && c.label === 'Post publicly',
    );
    expect(publish).toBeDefined();
    const posted = await call(
      button(publish && 'custom_id' in publish ? publish.custom_id : '', first.handle.originalMessage()!),
    );
    expect(posted.body.type).toBe(4);
    expect((posted.body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(posted.body.data?.embeds?.[0]?.description).toContain('Polonez');
  });

  it('a stale or foreign button gets a polite ephemeral note', async () => {
    const first = await call(slashCommand('ask', { question: 'peacemaker' }));
    for (const customId of ['fn1|a|000000|0|zzzzzz|p|peacemaker', 'someone-elses-button', 'fn1|broken']) {
      const note = await call(button(customId, first.handle.originalMessage()!));
      expect(note.body.type).toBe(4);
      expect((note.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(note.body.data?.embeds?.[0]?.description).toMatch(/older answer/);
    }
  });

  it('autocomplete offers at most 25 previews of 100 characters or less, centred on the match', async () => {
    const { body, elapsedMs } = await call(autocomplete('ask', { question: 'polon' }, 'question'));
    expect(body.type).toBe(8);
    expect(elapsedMs).toBeLessThan(3_000);
    const choices = body.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices[0]?.value).toBe('polon');
    expect(choices[1]?.name).toMatch(/^Belarus’ Balancing Act.* › Chinese Interest.* › “.*Polonez.*”$/);
  });

  it('a picked autocomplete preview answers with that passage first', async () => {
    const ac = await call(autocomplete('ask', { question: 'military' }, 'question'));
    const picked = ac.body.data?.choices?.[1];
    expect(picked?.value).toMatch(/^p:/);
    const { body } = await call(slashCommand('ask', { question: picked!.value }));
    expect(body.data?.embeds?.[0]?.description?.toLowerCase()).toContain('military');
  });

  it('autocomplete for the article option lists matching articles', async () => {
    const { body } = await call(autocomplete('timeline', { article: 'bela' }, 'article'));
    expect(body.data?.choices?.[0]).toEqual({
      name: 'Belarus’ Balancing Act with China — Nikola Mikovic',
      value: 'belarus-balancing-act-with-china',
    });
  });

  it('/timeline from:2020 to:2022 lists only those years, in order, with citations', async () => {
    const { body } = await call(slashCommand('timeline', { from: '2020', to: '2022' }));
    const text = body.data?.embeds?.[0]?.description ?? '';
    const labels = [...text.matchAll(/^\*\*(\d{4}[^*]*)\*\*/gm)].map((m) => m[1]);
    expect(labels).toEqual(['2020', '2020/2021', '2020/2024', '2022', '2022-02']);
    expect(text).toContain('Lukashenko’s Russian Ties · ¶9');
  });

  it('/timeline with a date it cannot read says so', async () => {
    const { body } = await call(slashCommand('timeline', { from: 'someday' }));
    expect(body.data?.embeds?.[0]?.description).toContain('someday');
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('/investment lists the figures with citations, then investment passages', async () => {
    const { body } = await call(slashCommand('investment'));
    const [figures, ...passages] = body.data?.embeds ?? [];
    for (const amount of ['$2.6 billion', '$1.7 billion', '$1.4 billion', '$1 billion', '22 state-owned enterprises'])
      expect(figures?.description).toContain(amount);
    expect(passages.length).toBeGreaterThan(0);
  });

  it('/sources and /help answer; help only to the asker', async () => {
    const sources = await call(slashCommand('sources'));
    expect(sources.body.data?.embeds?.[0]?.description).toContain('Belarus’ Balancing Act with China');
    const help = await call(slashCommand('help'));
    expect((help.body.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(help.body.data?.embeds?.[0]?.fields?.map((f) => f.name)).toContain('/ask <question> [article:<slug>]');
  });

  it('"Find sources" answers for the message it was used on, naming and linking it', async () => {
    const target = standIn.sendMessage({ content: 'Belarus offered state-owned enterprises to Chinese corporations' });
    const { body } = await call(messageContextMenu('Find sources', target));
    const embed = body.data?.embeds?.[0];
    expect(embed?.author?.name).toContain('Sources for a message');
    expect(embed?.author?.url).toContain(target.id);
    expect(embed?.footer?.text).toContain('¶7');
  });

  it('"Find sources" reads a forwarded message from its snapshot, and a message whose text is in an embed', async () => {
    const original = standIn.sendMessage({ content: 'placeholder' });
    // New ids: the stand-in keeps a message it has stored as it was sent.
    const unsent = (id: number) => ({
      ...original,
      id: String(BigInt(original.id) + BigInt(id)),
      content: '',
    });
    const forwarded = {
      ...unsent(1_000),
      message_reference: { type: 1, message_id: original.id, channel_id: original.channel_id },
      message_snapshots: [
        {
          message: {
            type: 0,
            content: 'Belarus offered state-owned enterprises to Chinese corporations',
            embeds: [],
            attachments: [],
            timestamp: original.timestamp,
            edited_timestamp: null,
            flags: 0,
            mentions: [],
            mention_roles: [],
          },
        },
      ],
    };
    const fromSnapshot = await call(messageContextMenu('Find sources', forwarded as unknown as APIMessage));
    expect(fromSnapshot.body.data?.embeds?.[0]?.footer?.text).toContain('¶7');

    const preview = {
      ...unsent(2_000),
      embeds: [{ type: 'rich', description: 'Belarus offered state-owned enterprises to Chinese corporations' }],
    };
    const fromEmbed = await call(messageContextMenu('Find sources', preview as unknown as APIMessage));
    expect(fromEmbed.body.data?.embeds?.[0]?.footer?.text).toContain('¶7');

    const empty = await call(messageContextMenu('Find sources', unsent(3_000)));
    expect(JSON.stringify(empty.body)).toContain('no text to look up');
  });

  it('"Find sources" on a message of three claims checks each: two with their passage and citation, one with none', async () => {
    const target = standIn.sendMessage({
      content:
        'China has invested billions in Belarus. Pineapples grow best on the moon in winter.\n- Lukashenko met Xi Jinping several times',
    });
    const { body } = await call(messageContextMenu('Find sources', target));
    const [list] = body.data?.embeds ?? [];
    expect(list?.title).toBe('Claim by claim');
    expect(list?.description).toContain('2 of 3 claims found in the library');
    // The words a claim shares with its passage are in bold, as in every excerpt.
    const parts = list!.description!.replaceAll('**', '').split('\n\n').slice(1);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toContain('China has invested billions in Belarus.');
    expect(parts[0]).toContain('$2.6 billion');
    expect(parts[0]).toMatch(/¶3/);
    expect(parts[1]).toContain('Pineapples grow best on the moon in winter.');
    expect(parts[1]).toContain('No source found in the library.');
    expect(parts[1]).not.toContain('¶');
    expect(parts[2]).toContain('Lukashenko met Xi Jinping several times');
    expect(parts[2]).toMatch(/¶10/);
    expect(body.data?.components ?? []).toEqual([]);
  });

  it('"Find sources" shows five claims of a longer message and a button for the rest', async () => {
    const claims = [
      'China has invested billions in Belarus.',
      'Lukashenko met Xi Jinping several times.',
      'The Polonez rocket system was developed together.',
      'Pineapples grow best on the moon in winter.',
      'Belarus offered state-owned enterprises to Chinese corporations.',
      'Belarus joined the Shanghai Cooperation Organisation.',
      'Penguins run the central bank of Minsk.',
    ];
    const target = standIn.sendMessage({ content: claims.join(' ') });
    const first = await call(messageContextMenu('Find sources', target));
    const page1 = first.body.data?.embeds?.[0];
    expect(page1?.footer?.text).toBe('Page 1 of 2');
    for (const claim of claims.slice(0, 5)) expect(page1?.description).toContain(claim.slice(0, -1));
    expect(page1?.description).not.toContain('Penguins');
    const next = first.body.data?.components?.[0]?.components?.[1] as { custom_id?: string } | undefined;
    const pressed = standIn.sendInteraction(button(next!.custom_id!, first.handle.originalMessage()!));
    const page2 = ((await pressed.waitForCallback(5_000)).body as CallbackBody).data?.embeds?.[0];
    expect(page2?.footer?.text).toBe('Page 2 of 2');
    expect(page2?.description).toContain('Belarus joined the Shanghai Cooperation Organisation');
    expect(page2?.description).toContain('Penguins run the central bank of Minsk');
    expect(page2?.description).not.toContain('Pineapples');
  });

  it('a reply to an answer is a follow-up: "and in 2023?" is answered about what was asked before', async () => {
    const followUp = async (question: string) => {
      const asked = await call(slashCommand('ask', { question }));
      const answer = asked.handle.originalMessage()!;
      const reply = await nextBotReply(() => standIn.sendMessage({ content: 'and in 2023?', replyTo: answer }));
      expect(reply.message_reference?.message_id).toBeDefined();
      return JSON.stringify(reply.embeds);
    };
    // The same words, after two questions, find two passages: each of the question it follows.
    expect(await followUp('how much has China invested in Belarus?')).toContain('$1.7 billion in Kazakhstan');
    // On its own, "and in 2023?" finds ¶13 (the 2023 peace plan).
    expect(await followUp('how much has China invested in Belarus?')).not.toContain('¶13');
    // ¶10: "Between 2020 and 2024, Lukashenko met with Chinese President Xi Jinping several times. In March 2023, …"
    expect(await followUp('how often did Lukashenko meet Xi Jinping?')).toContain('¶10');
  });

  it('in thread mode, a mention in the bot’s thread is a follow-up: "and in 2023?" is answered about the question that opened it', async () => {
    const replyMode = async (mode: 'thread' | 'inline') =>
      JSON.stringify(
        (await call(slashCommand('settings set', { 'reply-mode': mode }, { memberPermissions: MANAGE_SERVER }))).body,
      );
    expect(await replyMode('thread')).toContain('Saved');
    try {
      const fromBot = (threadId: string) => standIn.messages(threadId).filter((m) => m.message.author.id === BOT_ID);
      const asked = standIn.sendMessage({ content: 'how much has China invested in Belarus?', mentionsBot: true });
      // The thread started on a message has the message's id.
      const answer = await standIn.waitUntil(() => fromBot(asked.id)[0], 8_000, 'the answer in its thread');
      expect(standIn.channel(asked.id).thread?.ownerId).toBe(BOT_ID);
      expect(JSON.stringify(answer.message.embeds)).toContain('$2.6 billion');

      const followUp = standIn.sendMessage({ channelId: asked.id, content: 'and in 2023?', mentionsBot: true });
      const reply = await standIn.waitUntil(
        () => fromBot(asked.id).find((m) => m.message.message_reference?.message_id === followUp.id),
        8_000,
        'the follow-up answer in the thread',
      );
      // As the reply above: with the earlier question's words, not ¶13 (the 2023 peace plan) as on its own.
      const text = JSON.stringify(reply.message.embeds);
      expect(text).toContain('$1.7 billion in Kazakhstan');
      expect(text).not.toContain('¶13');
      expect(pingsNobody(reply.pings)).toBe(true);
    } finally {
      expect(await replyMode('inline')).toContain('Saved');
    }
  });

  it('a reply to an answer that does not ping the bot arrives without text and is left alone', async () => {
    const asked = await call(slashCommand('ask', { question: 'polonez rocket system' }));
    const before = standIn.botMessages().length;
    standIn.sendMessage({ content: 'thanks!', replyTo: asked.handle.originalMessage()!, mentionRepliedUser: false });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(standIn.botMessages()).toHaveLength(before);
  });

  it('a member with locale ru gets help, buttons and notices in Russian; the excerpt stays as the article has it', async () => {
    const help = await call(slashCommand('help', {}, { locale: 'ru' }));
    expect(help.body.data?.embeds?.[0]?.title).toBe(LANGUAGES.ru.messages.helpTitle);
    expect(JSON.stringify(help.body)).toContain(LANGUAGES.ru.commands['ask (summary)']!.description!);
    const asked = await call(
      slashCommand('ask', { question: 'polonez rocket system', private: true }, { locale: 'ru' }),
    );
    const labels = (asked.body.data?.components ?? []).flatMap((row) =>
      ('components' in row ? row.components : []).map((c) => ('label' in c ? c.label : '')),
    );
    expect(labels).toContain(LANGUAGES.ru.messages.buttons.showContext);
    expect(labels).toContain(LANGUAGES.ru.messages.voteUp);
    expect(JSON.stringify(asked.body)).toContain('Polonez');
    const notice = await call(slashCommand('timeline', { from: 'someday' }, { locale: 'ru' }));
    expect(notice.body.data?.embeds?.[0]?.description).toContain('someday');
    expect(notice.body.data?.embeds?.[0]?.description).not.toContain('is not a date I can read');
  });

  it('a French member’s private answer is in French, and a public one follows the server’s locale', async () => {
    const labelsOf = (body: CallbackBody) =>
      (body.data?.components ?? []).flatMap((row) =>
        ('components' in row ? row.components : []).map((c) => ('label' in c ? c.label : '')),
      );
    const own = await call(slashCommand('ask', { question: 'polonez rocket system', private: true }, { locale: 'fr' }));
    expect(labelsOf(own.body)).toContain(LANGUAGES.fr.messages.buttons.showContext);
    const shared = await call(slashCommand('ask', { question: 'polonez rocket system' }, { locale: 'fr' }));
    // The stand-in's server is en-US.
    expect(labelsOf(shared.body)).toContain('Show context');
  });

  it('@Footnote question is answered as a reply that pings nobody, even with injected mentions', async () => {
    const reply = await nextBotReply(() =>
      standIn.sendMessage({
        content: 'what is the multi-vector foreign policy? @everyone <@&222222222222222222> <@333333333333333333>',
        mentionsBot: true,
      }),
    );
    const stored = standIn.message(reply.id)!;
    expect(pingsNobody(stored.pings)).toBe(true);
    expect(reply.message_reference?.message_id).toBeDefined();
    expect(JSON.stringify(reply.embeds)).toContain('multi-vector');
  });

  it('a bare mention gets a short help, and messages from bots are ignored', async () => {
    const help = await nextBotReply(() => standIn.sendMessage({ content: '', mentionsBot: true }));
    expect(JSON.stringify(help.embeds)).toContain('Ask me something');
    const count = standIn.botMessages().length;
    standIn.sendMessage({
      content: 'polonez',
      mentionsBot: true,
      author: { id: '444444444444444444', username: 'otherbot', bot: true },
    });
    await new Promise((r) => setTimeout(r, 800));
    expect(standIn.botMessages().length).toBe(count);
  });

  it('every request the bot sent was to a known route and within limits', () => {
    expect(standIn.unknownRequests()).toEqual([]);
  });
});
