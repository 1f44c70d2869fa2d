/**
 * Proves the Discord stand-in against the real discord.js 14 client: login, interactions
 * (reply, defer + edit, autocomplete, button update, message context menu), the 3 s
 * deadline, mentions + message.reply, 429/5xx retries, and gateway resumes.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type ClientOptions,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  DiscordStandIn,
  autocomplete,
  button,
  messageContextMenu,
  pingsNobody,
  slashCommand,
  type DiscordStandInOptions,
} from './stand-in/discord-stand-in.js';

let standIn: DiscordStandIn | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await standIn?.stop();
  standIn = undefined;
});

async function setUp(
  options: DiscordStandInOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<{ s: DiscordStandIn; c: Client }> {
  const s = await DiscordStandIn.start(options);
  standIn = s;
  const c = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: s.apiBase },
    ...clientOptions,
  });
  client = c;
  const ready = once(c, Events.ClientReady);
  await c.login(s.token);
  await ready;
  return { s, c };
}

/** Runs `handler` on the next interaction and settles with its result (or error); fails after 5 s without one. */
function onNextInteraction<T>(c: Client, handler: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no interactionCreate within 5 s')), 5_000);
    c.once(Events.InteractionCreate, (interaction) => {
      clearTimeout(timer);
      handler(interaction).then(resolve, reject);
    });
  });
}

async function registerAsk(c: Client, guildId: string): Promise<void> {
  await c.application?.commands.set(
    [
      {
        name: 'ask',
        description: 'Ask the library',
        options: [
          { type: 3, name: 'question', description: 'What to ask', required: true, autocomplete: true },
          { type: 4, name: 'limit', description: 'How many answers' },
        ],
      },
      { type: 3, name: 'Cite' },
    ],
    guildId,
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('DiscordStandIn with the real discord.js client', () => {
  it('logs in: ready fires, the guild and its channels are cached', async () => {
    const { s, c } = await setUp({
      guilds: [{ name: 'Library', channels: [{ name: 'general' }, { name: 'questions', topic: 'Ask here' }] }],
    });

    expect(c.user?.id).toBe(s.botUser.id);
    const guild = c.guilds.cache.get(s.defaultGuildId);
    expect(guild?.name).toBe('Library');
    expect(guild?.channels.cache.map((channel) => channel.name).sort()).toEqual(['general', 'questions']);
    expect(guild?.members.me?.id).toBe(s.botUser.id);
    const channel = guild?.channels.cache.get(s.defaultChannelId) as TextChannel;
    expect(channel.permissionsFor(c.user!)?.has('SendMessages')).toBe(true);
    await expect(s.waitForReady()).resolves.toHaveLength(1);

    const gatewayBot = s.requests.find((r) => r.path === '/api/v10/gateway/bot');
    expect(gatewayBot?.status).toBe(200);
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${s.token}`);
    const identify = s.gatewayLog.find((entry) => entry.direction === 'received' && entry.op === 2);
    expect(identify?.d).toMatchObject({ token: s.token, shard: [0, 1], compress: false });
    expect(
      s.gatewayLog
        .filter((e) => e.direction === 'sent')
        .map((e) => e.t ?? e.op)
        .slice(0, 3),
    ).toEqual([10, 'READY', 'GUILD_CREATE']);
  });

  it('slash command: options arrive typed from the registration; reply() is callback type 4', async () => {
    const { s, c } = await setUp();
    await registerAsk(c, s.defaultGuildId);
    expect(s.registeredCommands(s.defaultGuildId).map((command) => command.name)).toEqual(['ask', 'Cite']);

    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const question = interaction.options.getString('question', true);
      const limit = interaction.options.getInteger('limit');
      await interaction.reply({
        content: `You asked <@${s.defaultUser.id}> "${question}" (${limit})`,
        allowedMentions: { parse: [] },
      });
      return { question, limit, commandId: interaction.commandId, guildId: interaction.guildId };
    });
    // "3" is a string here; the registered INTEGER type makes it 3, as Discord would send it.
    const handle = s.sendInteraction(slashCommand('ask', { question: 'where is the index?', limit: '3' }));

    await expect(handled).resolves.toEqual({
      question: 'where is the index?',
      limit: 3,
      commandId: s.registeredCommands(s.defaultGuildId)[0]?.id,
      guildId: s.defaultGuildId,
    });
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({ type: 4, status: 204, withResponse: false });
    expect(callback.elapsedMs).toBeLessThan(3000);
    expect(callback.body).toMatchObject({
      data: { content: expect.stringContaining('where is the index?'), allowed_mentions: { parse: [] } },
    });

    const [request] = handle.requests();
    expect(request?.query).toEqual({ with_response: 'false' });
    expect(request?.headers.authorization).toBeUndefined();
    const original = s.messages().find((m) => m.message.id === handle.originalMessage()?.id);
    expect(original?.message.type).toBe(20);
    expect(original && pingsNobody(original.pings)).toBe(true);
  });

  it('deferReply() then editReply() edits @original', async () => {
    const { s, c } = await setUp();
    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(50);
      await interaction.editReply({ content: 'done', allowedMentions: { parse: [] } });
    });
    const handle = s.sendInteraction(slashCommand('ask', { question: 'slow one' }));
    await handled;

    expect(await handle.waitForCallback()).toMatchObject({
      type: 5,
      status: 204,
      body: { type: 5, data: { flags: 64 } },
    });
    const edit = await handle.waitForOriginalEdit();
    expect(edit).toMatchObject({ method: 'PATCH', target: '@original', status: 200, body: { content: 'done' } });
    const original = handle.originalMessage();
    expect(original?.content).toBe('done');
    // Loading cleared; ephemeral kept (it cannot change after the defer).
    expect(original?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('followUp() right after deferReply() edits the loading message (documented legacy behaviour); later ones are new', async () => {
    const { s, c } = await setUp();
    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.deferReply();
      const first = await interaction.followUp({ content: 'first', allowedMentions: { parse: [] } });
      const second = await interaction.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
      return [first.id, second.id];
    });
    const handle = s.sendInteraction(slashCommand('ask', { question: 'two parts' }));
    const [firstId, secondId] = await handled;

    expect(firstId).toBe(handle.originalMessage()?.id);
    expect(handle.originalMessage()?.content).toBe('first');
    const followUps = await handle.waitForFollowUp(1);
    expect(followUps.map((m) => [m.id, m.content, m.flags])).toEqual([[secondId, 'second', MessageFlags.Ephemeral]]);
    expect(handle.webhookCalls().map((call) => [call.method, call.target, call.status])).toEqual([
      ['POST', 'follow-up', 200],
      ['POST', 'follow-up', 200],
    ]);
  });

  it('a reply with a file arrives as multipart/form-data with payload_json', async () => {
    const { s, c } = await setUp();
    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply({
        content: 'see attached',
        files: [{ attachment: Buffer.from('excerpt text'), name: 'excerpt.txt' }],
      });
    });
    const handle = s.sendInteraction(slashCommand('ask', { question: 'as a file' }));
    await handled;
    const [request] = handle.requests();
    expect(request).toMatchObject({
      multipart: true,
      status: 204,
      body: { type: 4, data: { content: 'see attached' } },
    });
    expect(request?.files).toMatchObject([{ field: 'files[0]', filename: 'excerpt.txt', size: 12 }]);
    expect(handle.originalMessage()?.attachments).toMatchObject([{ filename: 'excerpt.txt', size: 12 }]);
  });

  it('autocomplete: respond() sends choices; 26 choices are refused with 50035', async () => {
    const { s, c } = await setUp();
    await registerAsk(c, s.defaultGuildId);

    const first = onNextInteraction(c, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: `${focused.value} index`, value: 'index' }]);
      return focused;
    });
    const handle = s.sendInteraction(autocomplete('ask', { question: 'wh' }, 'question'));
    await expect(first).resolves.toMatchObject({ name: 'question', value: 'wh' });
    expect(await handle.waitForCallback()).toMatchObject({
      type: 8,
      status: 204,
      body: { data: { choices: [{ name: 'wh index', value: 'index' }] } },
    });

    const second = onNextInteraction(c, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const choices = Array.from({ length: 26 }, (_, i) => ({ name: `choice ${i}`, value: `v${i}` }));
      return interaction.respond(choices).then(
        () => null,
        (error: unknown) => error,
      );
    });
    const tooMany = s.sendInteraction(autocomplete('ask', { question: 'x' }, 'question'));
    const error = await second;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).rawError).toMatchObject({
      errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    expect(tooMany.acknowledged).toBe(false);
  });

  it('button: update() edits the message the button is on (callback type 7)', async () => {
    const { s, c } = await setUp();
    const replied = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary),
      );
      const response = await interaction.reply({ content: 'page 1', components: [row], withResponse: true });
      return response.resource?.message?.id;
    });
    const command = s.sendInteraction(slashCommand('ask', { question: 'paged' }));
    const resourceMessageId = await replied;
    const pageOne = command.originalMessage();
    expect(pageOne?.components).toHaveLength(1);
    // withResponse: true → ?with_response=true → 200 with the interaction callback response.
    expect(resourceMessageId).toBe(pageOne?.id);
    expect(await command.waitForCallback()).toMatchObject({
      status: 200,
      withResponse: true,
      response: { resource: { type: 4 } },
    });

    const updated = onNextInteraction(c, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: 'page 2', components: [] });
      return interaction.customId;
    });
    const press = s.sendInteraction(button('page:2', pageOne!));
    await expect(updated).resolves.toBe('page:2');
    expect(await press.waitForCallback()).toMatchObject({ type: 7, status: 204 });
    expect(s.message(pageOne!.id)?.message).toMatchObject({ content: 'page 2', components: [] });
  });

  it('message context menu: the target message is resolved, with its content', async () => {
    const { s, c } = await setUp();
    await registerAsk(c, s.defaultGuildId);
    const target = s.sendMessage({ content: 'a sentence worth citing' });

    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context menu');
      await interaction.reply({ content: `> ${interaction.targetMessage.content}`, flags: MessageFlags.Ephemeral });
      return interaction.targetMessage.content;
    });
    const handle = s.sendInteraction(messageContextMenu('Cite', target));
    await expect(handled).resolves.toBe('a sentence worth citing');
    expect(handle.payload.data).toMatchObject({ type: 3, target_id: target.id, name: 'Cite' });
    expect(await handle.waitForCallback()).toMatchObject({ type: 4, status: 204, body: { data: { flags: 64 } } });
  });

  it('a first response after the deadline gets 404 10062; a second callback gets 400 40060', async () => {
    const { s, c } = await setUp({ interactionDeadlineMs: 200 });
    const late = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await sleep(300);
      return interaction.reply('too late').then(
        () => null,
        (error: unknown) => error,
      );
    });
    const handle = s.sendInteraction(slashCommand('ask', { question: 'slow' }));
    const error = await late;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 10062, status: 404, message: 'Unknown interaction' });
    const callback = await handle.waitForCallback();
    expect(callback.status).toBe(404);
    expect(callback.elapsedMs).toBeGreaterThan(200);

    // Without an acknowledgement there is no webhook to edit.
    const edit = await c.rest
      .patch(Routes.webhookMessage(s.applicationId, handle.token, '@original'), { body: { content: 'x' }, auth: false })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(edit).toMatchObject({ code: 10015, status: 404 });

    s.interactionDeadlineMs = 3000;
    const twice = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply('first');
      // discord.js refuses a second reply locally, so go through REST as a retried request would.
      return c.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
    });
    const second = s.sendInteraction(slashCommand('ask', { question: 'twice' }));
    expect(await twice).toMatchObject({ code: 40060, status: 400 });
    expect(second.callbacks().map((cb) => cb.status)).toEqual([204, 400]);
  });

  it('delay() holds a request before it is handled, so a slow network can miss the deadline', async () => {
    const { s, c } = await setUp({ interactionDeadlineMs: 250 });
    s.delay(/\/callback$/, 300, { times: 1 });
    const handled = onNextInteraction(c, async (interaction) =>
      interaction.isChatInputCommand()
        ? interaction.deferReply().then(
            () => null,
            (e: unknown) => e,
          )
        : null,
    );
    const handle = s.sendInteraction(slashCommand('ask', { question: 'over a slow link' }));
    expect(await handled).toMatchObject({ code: 10062 });
    expect((await handle.waitForCallback()).elapsedMs).toBeGreaterThanOrEqual(300);
  });

  it('payloads over the limits are refused with 50035 / 50006', async () => {
    const { s, c } = await setUp();
    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const big = new EmbedBuilder().setDescription('x'.repeat(4000));
      const errors: unknown[] = [];
      await interaction.deferReply();
      for (const attempt of [
        () => interaction.editReply({ content: 'y'.repeat(2001) }),
        () => interaction.editReply({ embeds: [big, big] }),
        () => interaction.followUp({ content: '' }),
      ]) {
        errors.push(
          await attempt().then(
            () => null,
            (error: unknown) => error,
          ),
        );
      }
      return errors;
    });
    s.sendInteraction(slashCommand('ask', { question: 'huge' }));
    const [tooLong, tooBig, empty] = (await handled) as DiscordAPIError[];
    expect(tooLong?.rawError).toMatchObject({
      code: 50035,
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
    });
    expect(tooBig?.rawError).toMatchObject({
      code: 50035,
      errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } },
    });
    expect(empty?.code).toBe(50006);
  });

  it('a message mentioning the bot: message.reply() is POST /channels/:id/messages with message_reference', async () => {
    const { s, c } = await setUp();
    const seen: Message[] = [];
    c.on(Events.MessageCreate, (message) => {
      seen.push(message);
      if (message.author.bot || !message.mentions.users.has(c.user!.id)) return;
      void message.reply({ content: 'hello, human', allowedMentions: { parse: [] } });
    });

    s.sendMessage({ content: 'no mention here' });
    const asked = s.sendMessage({ content: 'what is in the library?', mentionsBot: true });
    const reply = await s.waitForChannelMessage((m) => m.message_reference?.message_id === asked.id);
    expect(reply).toMatchObject({ type: 19, content: 'hello, human', channel_id: s.defaultChannelId });

    const request = await s.waitForRequest((r) => r.method === 'POST' && r.route === '/channels/:channel_id/messages');
    expect(request.path).toBe(`/api/v10/channels/${s.defaultChannelId}/messages`);
    expect(request.body).toMatchObject({
      message_reference: { message_id: asked.id },
      allowed_mentions: { parse: [] },
    });
    expect(request.status).toBe(200);

    // Without the MESSAGE_CONTENT intent only the mention's content is visible; the bot's own reply comes back too.
    await until(() => seen.length >= 3);
    expect(seen.map((m) => [m.author.bot, m.content])).toEqual([
      [false, ''],
      [false, `<@${s.botUser.id}> what is in the library?`],
      [true, 'hello, human'],
    ]);
  });

  it('startThread() on a message, then sending in the thread and typing', async () => {
    const { s, c } = await setUp();
    const channel = c.channels.cache.get(s.defaultChannelId) as TextChannel;
    const question = s.sendMessage({ content: 'long question', mentionsBot: true });
    const message = await channel.messages.fetch(question.id);
    const thread = await message.startThread({ name: 'Answer' });
    await thread.sendTyping();
    await thread.send({ content: 'the answer', allowedMentions: { parse: [] } });

    expect(thread.id).toBe(question.id);
    expect(s.channel(thread.id)).toMatchObject({ type: 11, parentId: s.defaultChannelId, name: 'Answer' });
    expect(s.messages(thread.id).map((m) => m.message.content)).toEqual(['the answer']);
    expect(s.requests.map((r) => `${r.method} ${r.route} ${r.status}`).slice(-4)).toEqual([
      'GET /channels/:channel_id/messages/:message_id 200',
      'POST /channels/:channel_id/messages/:message_id/threads 201',
      'POST /channels/:channel_id/typing 204',
      'POST /channels/:channel_id/messages 200',
    ]);
  });

  it('a 429 with retry_after on a callback is waited out by discord.js and delivered exactly once', async () => {
    const { s, c } = await setUp();
    s.failNext({ method: 'POST', pathPattern: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, retryAfter: 0.2 });
    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply({ content: 'after the wait', allowedMentions: { parse: [] } });
    });
    const handle = s.sendInteraction(slashCommand('ask', { question: 'busy' }));
    await handled;

    const attempts = handle.requests();
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[0]?.response).toMatchObject({ retry_after: 0.2, global: false });
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(handle.callbacks()).toHaveLength(1);
    expect(s.botMessages().filter((m) => m.interactionId === handle.id)).toHaveLength(1);
  });

  it('a 502 after the message was posted: the retry with enforce_nonce returns the same message', async () => {
    const { s, c } = await setUp();
    s.failNext({ method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/, status: 502, when: 'after' });
    const channel = c.channels.cache.get(s.defaultChannelId) as TextChannel;
    const sent = await channel.send({ content: 'posted once', enforceNonce: true, nonce: 'nonce-1' });

    const posts = s.requests.filter((r) => r.route === '/channels/:channel_id/messages');
    expect(posts.map((r) => r.status)).toEqual([502, 200]);
    expect(s.botMessages().filter((m) => m.message.content === 'posted once')).toHaveLength(1);
    expect(sent.id).toBe(s.botMessages()[0]?.message.id);
  });

  it('gateway close 4000: discord.js resumes and gets what was dispatched meanwhile', async () => {
    const { s, c } = await setUp();
    const [before] = await s.waitForReady();
    const resumed = once(c, Events.ShardResume);

    s.closeGateway(4000);
    const handled = onNextInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply('answered after the resume');
    });
    const handle = s.sendInteraction(slashCommand('ask', { question: 'during the outage' }));
    await resumed;
    await handled;

    const resume = s.gatewayLog.find((entry) => entry.direction === 'received' && entry.op === 6);
    expect(resume?.d).toMatchObject({ session_id: before?.sessionId });
    expect(s.gatewayLog.some((entry) => entry.t === 'RESUMED')).toBe(true);
    expect((await handle.waitForCallback()).status).toBe(204);
    expect(s.gatewayLog.filter((entry) => entry.direction === 'received' && entry.op === 2)).toHaveLength(1);
  });

  it('op 7 reconnect and op 9 (resumable) both end in a resume of the same session', async () => {
    const { s, c } = await setUp();
    const [session] = await s.waitForReady();

    let resumed = once(c, Events.ShardResume);
    s.requestReconnect();
    await resumed;
    resumed = once(c, Events.ShardResume);
    s.invalidateSession(true);
    await resumed;

    expect(
      s.gatewayLog
        .filter((e) => e.direction === 'received' && e.op === 6)
        .map((e) => (e.d as { session_id: string }).session_id),
    ).toEqual([session?.sessionId, session?.sessionId]);
    expect(s.sessions()).toHaveLength(1);
  });

  it('a zombie connection (no HEARTBEAT_ACK) and a dropped TCP connection are both resumed', async () => {
    const { s, c } = await setUp({ heartbeatIntervalMs: 150 });
    let resumed = once(c, Events.ShardResume);
    s.stopAcking();
    await resumed;
    // discord.js closes a zombie with 4200 ("Resuming") and resumes on a new connection, which acks again.
    resumed = once(c, Events.ShardResume);
    s.dropGateway();
    await resumed;
    expect(s.gatewayLog.filter((e) => e.direction === 'received' && e.op === 6)).toHaveLength(2);
    expect(s.gatewayLog.filter((e) => e.direction === 'received' && e.op === 2)).toHaveLength(1);
  });

  it('op 9 (not resumable): the client identifies again and gets a new session', async () => {
    // discord.js waits 5 s between IDENTIFYs of a shard; a no-wait throttler keeps this test fast.
    const { s, c } = await setUp(
      {},
      { ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }) } },
    );
    const [first] = await s.waitForReady();
    s.invalidateSession(false);
    await s.waitForGateway((e) => e.direction === 'sent' && e.t === 'READY');
    const [second] = await s.waitForReady();
    expect(second?.sessionId).not.toBe(first?.sessionId);
    expect(s.sessions().map((session) => session.sessionId)).toEqual([second?.sessionId]);

    const handled = onNextInteraction(c, async (interaction) =>
      interaction.isChatInputCommand() ? interaction.reply('still here') : undefined,
    );
    const handle = s.sendInteraction(slashCommand('ask', { question: 'after re-identify' }));
    await handled;
    expect((await handle.waitForCallback()).status).toBe(204);
  });

  it('sharding: each guild goes only to shard (guild_id >> 22) % count', async () => {
    const shard0Guild = ((1n << 40n) << 22n).toString();
    const shard1Guild = (((1n << 40n) + 1n) << 22n).toString();
    const { s, c } = await setUp(
      {
        shards: 2,
        maxConcurrency: 2,
        guilds: [
          { id: shard0Guild, name: 'Even' },
          { id: shard1Guild, name: 'Odd' },
        ],
      },
      { shards: 'auto' },
    );
    expect(c.guilds.cache.get(shard0Guild)?.shardId).toBe(0);
    expect(c.guilds.cache.get(shard1Guild)?.shardId).toBe(1);
    expect((await s.waitForReady()).map((session) => session.shardId).sort()).toEqual([0, 1]);

    const handled = onNextInteraction(c, async (interaction) => {
      await (interaction.isChatInputCommand() ? interaction.reply('odd guild') : Promise.resolve());
      return interaction.guildId;
    });
    s.sendInteraction(slashCommand('ask', { question: 'which shard?' }, { guildId: shard1Guild }));
    await expect(handled).resolves.toBe(shard1Guild);
    const dispatch = s.gatewayLog.find((entry) => entry.t === 'INTERACTION_CREATE');
    expect(dispatch?.shardId).toBe(1);
  });
});

describe('DiscordStandIn protocol edges', () => {
  it('a wrong token gets 401 on REST and close 4004 on IDENTIFY', async () => {
    const s = await DiscordStandIn.start();
    standIn = s;
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: s.apiBase } });
    client = c;
    await expect(c.login('not-the-token')).rejects.toThrow();
    expect(s.requests[0]).toMatchObject({
      path: '/api/v10/gateway/bot',
      status: 401,
      response: { code: 0, message: '401: Unauthorized' },
    });

    const socket = new WebSocket(`${s.gatewayUrl}?v=10&encoding=json`);
    const [hello] = (await once(socket, 'message')) as [Buffer];
    expect(JSON.parse(hello.toString())).toEqual({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null });
    socket.send(
      JSON.stringify({
        op: 2,
        d: { token: 'wrong', intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' } },
      }),
    );
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4004);
  });

  it('unknown routes are 404 {code: 0} and recorded; every answer has rate-limit headers', async () => {
    const s = await DiscordStandIn.start();
    standIn = s;
    const response = await fetch(`${s.apiBase}/v10/no/such/route`, { headers: { authorization: `Bot ${s.token}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 0, message: '404: Not Found' });
    for (const header of [
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-ratelimit-reset-after',
      'x-ratelimit-bucket',
    ]) {
      expect(response.headers.get(header)).not.toBeNull();
    }
    expect(s.unknownRequests().map((r) => r.path)).toEqual(['/api/v10/no/such/route']);
  });

  it('zlib-stream transport compression works for clients that ask for it', async () => {
    const s = await DiscordStandIn.start({ heartbeatIntervalMs: 5000 });
    standIn = s;
    const socket = new WebSocket(`${s.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = zlib.createInflate();
    const [frame] = (await once(socket, 'message')) as [Buffer];
    expect(frame.subarray(-4)).toEqual(Buffer.from([0x00, 0x00, 0xff, 0xff]));
    inflate.write(frame);
    const [chunk] = (await once(inflate, 'data')) as [Buffer];
    expect(JSON.parse(chunk.toString())).toMatchObject({ op: 10, d: { heartbeat_interval: 5000 } });
    socket.terminate();
    inflate.close();
  });
});
