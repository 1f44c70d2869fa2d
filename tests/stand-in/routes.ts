/**
 * The REST endpoints under /api/v10, answering with the documented shapes, status codes
 * and JSON error codes. Each handler cites the doc section it follows where the
 * behaviour is not obvious.
 *
 * discord.js facts that shaped this (node_modules/discord.js/src/structures/interfaces/InteractionResponses.js):
 * - every interaction callback is POST /interactions/{id}/{token}/callback with
 *   `auth: false` (no Authorization header) and `?with_response=false` unless the caller
 *   passed `withResponse: true`; so 204 is the usual answer.
 * - webhook (interaction token) routes are also sent with `auth: false`.
 * - follow-ups are POST /webhooks/{app}/{token}?wait=true.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { DiscordErrors, FormErrors, LengthErrors, type ErrorResponse } from './errors.js';
import type { Router, RouteRequest, RouteResponse } from './http.js';
import { CommandTypes, InteractionTypes } from './interactions.js';
import {
  ChannelTypes,
  MessageTypes,
  type ChannelState,
  type DiscordState,
  type InteractionRecord,
  type StoredMessage,
  type UploadedFile,
} from './state.js';
import {
  CREATE_MESSAGE_FLAGS,
  DEFERRED_MESSAGE_FLAGS,
  EDIT_MESSAGE_FLAGS,
  INTERACTION_MESSAGE_FLAGS,
  Limits,
  MessageFlagBits,
  isEmptyMessage,
  isRecord,
  validateAutocompleteData,
  validateCommandDefinition,
  validateMessageFields,
  validateModalData,
} from './validation.js';

/** Settings the routes read at request time (tests may change some of them mid-test). */
export interface StandInSettings {
  interactionDeadlineMs: number;
  interactionTokenTtlMs: number;
  nonceWindowMs: number;
  shards: number;
  maxConcurrency: number;
  sessionStartLimit: { total: number; remaining: number; resetAfterMs: number };
  applicationFlags: number;
  gatewayUrl: string;
  dailyCommandCreates: number;
}

const CallbackTypes = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  PremiumRequired: 10,
  LaunchActivity: 12,
} as const;

/** Callback types allowed per interaction type (docs: Interaction Callback Type, footnotes * and **). */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionTypes.ApplicationCommand]: [4, 5, 9],
  [InteractionTypes.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionTypes.ApplicationCommandAutocomplete]: [8],
  [InteractionTypes.ModalSubmit]: [4, 5, 6, 7],
};

const THREAD_ARCHIVE_DURATIONS = new Set([60, 1440, 4320, 10080]);

type Outcome<T> = T | ErrorResponse;

/** Route helpers return either what they found or the error to answer; only errors have `status` and `body`. */
function isError<T>(value: Outcome<T>): value is ErrorResponse {
  return (
    isRecord(value) && typeof value.status === 'number' && isRecord(value.body) && typeof value.body.code === 'number'
  );
}

/** docs: Reference → Boolean Query Strings ("True", "true", "1" are true). */
function queryBoolean(value: string | null): boolean {
  return value !== null && ['true', '1'].includes(value.toLowerCase());
}

function ok(body: unknown, status = 200): RouteResponse {
  return { status, body };
}

const NO_CONTENT: RouteResponse = { status: 204 };

export class RestRoutes {
  constructor(
    private readonly state: DiscordState,
    private readonly settings: StandInSettings,
  ) {}

  register(router: Router): void {
    const bot = (method: string, template: string, handler: (request: RouteRequest) => RouteResponse): void =>
      router.add({ method, template, auth: 'bot', global: true, handler });
    // Interaction endpoints "are not bound to the bot's Global Rate Limit" and use the token, not the bot's auth.
    const token = (method: string, template: string, handler: (request: RouteRequest) => RouteResponse): void =>
      router.add({ method, template, auth: 'none', global: false, handler });

    router.add({
      method: 'GET',
      template: '/gateway',
      auth: 'none',
      global: true,
      handler: () => ok({ url: this.settings.gatewayUrl }),
    });
    bot('GET', '/gateway/bot', () => this.gatewayBot());

    bot('GET', '/users/@me', () => ok(this.currentUser()));
    bot('GET', '/users/@me/guilds', () => ok(this.currentUserGuilds()));
    bot('POST', '/users/@me/channels', (request) => this.createDm(request));
    bot('GET', '/users/:user_id', (request) => this.getUser(request));
    bot('GET', '/applications/@me', () => ok(this.application()));
    bot('GET', '/oauth2/applications/@me', () => ok(this.application()));

    bot('GET', '/guilds/:guild_id', (request) => this.getGuild(request));
    bot('GET', '/guilds/:guild_id/channels', (request) => this.getGuildChannels(request));
    bot('GET', '/guilds/:guild_id/members/:user_id', (request) => this.getGuildMember(request));

    for (const scope of ['', '/guilds/:guild_id']) {
      const base = `/applications/:application_id${scope}/commands`;
      bot('GET', base, (request) => this.listCommands(request));
      bot('PUT', base, (request) => this.overwriteCommands(request));
      bot('POST', base, (request) => this.createCommand(request));
      bot('GET', `${base}/:command_id`, (request) => this.getCommand(request));
      bot('PATCH', `${base}/:command_id`, (request) => this.editCommand(request));
      bot('DELETE', `${base}/:command_id`, (request) => this.deleteCommand(request));
    }

    token('POST', '/interactions/:interaction_id/:token/callback', (request) => this.interactionCallback(request));
    token('POST', '/webhooks/:webhook_id/:token', (request) => this.createFollowUp(request));
    token('GET', '/webhooks/:webhook_id/:token/messages/:message_id', (request) => this.getWebhookMessage(request));
    token('PATCH', '/webhooks/:webhook_id/:token/messages/:message_id', (request) => this.editWebhookMessage(request));
    token('DELETE', '/webhooks/:webhook_id/:token/messages/:message_id', (request) =>
      this.deleteWebhookMessage(request),
    );

    bot('GET', '/channels/:channel_id', (request) => this.getChannel(request));
    bot('POST', '/channels/:channel_id/messages', (request) => this.createChannelMessage(request));
    bot('GET', '/channels/:channel_id/messages/:message_id', (request) => this.getChannelMessage(request));
    bot('PATCH', '/channels/:channel_id/messages/:message_id', (request) => this.editChannelMessage(request));
    bot('DELETE', '/channels/:channel_id/messages/:message_id', (request) => this.deleteChannelMessage(request));
    bot('POST', '/channels/:channel_id/messages/:message_id/threads', (request) =>
      this.startThreadFromMessage(request),
    );
    bot('POST', '/channels/:channel_id/typing', (request) => this.triggerTyping(request));
  }

  // ---- gateway, users, application --------------------------------------------------

  /** docs: Gateway → Get Gateway Bot. `reset_after` is in milliseconds. */
  private gatewayBot(): RouteResponse {
    const limit = this.settings.sessionStartLimit;
    return ok({
      url: this.settings.gatewayUrl,
      shards: this.settings.shards,
      session_start_limit: {
        total: limit.total,
        remaining: limit.remaining,
        reset_after: limit.resetAfterMs,
        max_concurrency: this.settings.maxConcurrency,
      },
    });
  }

  private currentUser(): Record<string, unknown> {
    return {
      ...this.state.botUser,
      bot: true,
      mfa_enabled: false,
      locale: 'en-US',
      verified: true,
      email: null,
      banner: null,
      accent_color: null,
    };
  }

  private currentUserGuilds(): unknown[] {
    return [...this.state.guilds.values()].map((guild) => ({
      id: guild.id,
      name: guild.name,
      icon: null,
      banner: null,
      owner: guild.ownerId === this.state.botUser.id,
      permissions: (BigInt(guild.everyoneRole.permissions) | BigInt(guild.botRole.permissions)).toString(),
      features: [],
    }));
  }

  private getUser(request: RouteRequest): RouteResponse {
    const user = this.state.users.get(request.params.user_id ?? '');
    return user ? ok(user) : DiscordErrors.unknownUser();
  }

  /** docs: User → Create DM. */
  private createDm(request: RouteRequest): RouteResponse {
    const body = isRecord(request.body) ? request.body : {};
    const recipient = typeof body.recipient_id === 'string' ? this.state.users.get(body.recipient_id) : undefined;
    if (!recipient) {
      const errors = new FormErrors();
      errors.add(['recipient_id'], 'USER_UNKNOWN', 'Unknown User');
      return errors.toResponse();
    }
    return ok(this.state.channelObject(this.state.dmChannelFor(recipient.id)));
  }

  /** docs: Application → Application Object (Get Current Application). */
  private application(): Record<string, unknown> {
    return {
      id: this.state.applicationId,
      name: this.state.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: this.settings.applicationFlags,
      team: null,
      owner: this.state.defaultUser,
      bot: this.state.botUser,
      hook: true,
      is_monetized: false,
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      tags: [],
      approximate_guild_count: this.state.guilds.size,
      integration_types_config: { '0': {} },
    };
  }

  // ---- guilds ---------------------------------------------------------------------------

  private getGuild(request: RouteRequest): RouteResponse {
    const guild = this.state.guilds.get(request.params.guild_id ?? '');
    return guild ? ok(this.state.guildObject(guild)) : DiscordErrors.unknownGuild();
  }

  private getGuildChannels(request: RouteRequest): RouteResponse {
    const guild = this.state.guilds.get(request.params.guild_id ?? '');
    if (!guild) return DiscordErrors.unknownGuild();
    return ok(
      guild.channelIds
        .map((id) => this.state.channels.get(id))
        .filter((c) => c && !c.thread)
        .map((c) => this.state.channelObject(c as ChannelState)),
    );
  }

  private getGuildMember(request: RouteRequest): RouteResponse {
    const guild = this.state.guilds.get(request.params.guild_id ?? '');
    if (!guild) return DiscordErrors.unknownGuild();
    const userId = request.params.user_id ?? '';
    if (!guild.memberJoinedAt.has(userId)) return DiscordErrors.unknownMember();
    return ok(this.state.memberObject(guild.id, userId, true));
  }

  // ---- application commands (docs: Application Commands → Endpoints) --------------------

  private commandScope(request: RouteRequest): Outcome<string | null> {
    if (request.params.application_id !== this.state.applicationId) return DiscordErrors.missingAccess();
    const guildId = request.params.guild_id ?? null;
    if (guildId !== null && !this.state.guilds.has(guildId)) return DiscordErrors.missingAccess();
    return guildId;
  }

  private listCommands(request: RouteRequest): RouteResponse {
    const scope = this.commandScope(request);
    if (isError(scope)) return scope;
    return ok([...this.state.commandsFor(scope).values()].map((command) => command.object));
  }

  private getCommand(request: RouteRequest): RouteResponse {
    const scope = this.commandScope(request);
    if (isError(scope)) return scope;
    const command = this.state.commandsFor(scope).get(request.params.command_id ?? '');
    return command ? ok(command.object) : DiscordErrors.unknownApplicationCommand();
  }

  /** docs: Bulk Overwrite Global/Guild Application Commands — replaces the whole set, returns 200 with the list. */
  private overwriteCommands(request: RouteRequest): RouteResponse {
    const scope = this.commandScope(request);
    if (isError(scope)) return scope;
    const errors = new FormErrors();
    if (!Array.isArray(request.body)) {
      errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
      return errors.toResponse();
    }
    const definitions = request.body as unknown[];
    const seen = new Set<string>();
    definitions.forEach((definition, index) => {
      validateCommandDefinition(definition, errors, [index]);
      if (isRecord(definition)) {
        const key = `${String(definition.type ?? 1)}:${String(definition.name)}`;
        if (seen.has(key))
          errors.add(
            [index, 'name'],
            'APPLICATION_COMMANDS_DUPLICATE_NAME',
            'Application command names must be unique',
          );
        seen.add(key);
      }
    });
    const chatInputCount = definitions.filter((d) => isRecord(d) && (d.type ?? 1) === 1).length;
    if (chatInputCount > Limits.globalChatInputCommands)
      errors.add([], ...LengthErrors.max(Limits.globalChatInputCommands));
    if (errors.hasErrors) return errors.toResponse();

    const commands = this.state.commandsFor(scope);
    const newCount = (definitions as Record<string, unknown>[]).filter(
      (definition) =>
        !this.state.findCommandIn(
          commands,
          String(definition.name),
          typeof definition.type === 'number' ? definition.type : 1,
        ),
    ).length;
    const limited = this.takeDailyCreates(scope, newCount);
    if (limited) return limited;
    const kept = new Set<string>();
    const result = (definitions as Record<string, unknown>[]).map((definition) => {
      const { command } = this.state.upsertCommand(scope, definition);
      kept.add(command.id);
      return command.object;
    });
    for (const id of [...commands.keys()]) if (!kept.has(id)) commands.delete(id);
    return ok(result);
  }

  /** docs: Create Global/Guild Application Command — 201 when new, 200 when it replaced one with the same name. */
  private createCommand(request: RouteRequest): RouteResponse {
    const scope = this.commandScope(request);
    if (isError(scope)) return scope;
    const errors = new FormErrors();
    validateCommandDefinition(request.body, errors, []);
    if (errors.hasErrors) return errors.toResponse();
    const definition = request.body as Record<string, unknown>;
    const exists = this.state.findCommandIn(
      this.state.commandsFor(scope),
      String(definition.name),
      typeof definition.type === 'number' ? definition.type : 1,
    );
    if (!exists) {
      const limited = this.takeDailyCreates(scope, 1);
      if (limited) return limited;
    }
    const { command, created } = this.state.upsertCommand(scope, definition);
    return ok(command.object, created ? 201 : 200);
  }

  private editCommand(request: RouteRequest): RouteResponse {
    const scope = this.commandScope(request);
    if (isError(scope)) return scope;
    const existing = this.state.commandsFor(scope).get(request.params.command_id ?? '');
    if (!existing) return DiscordErrors.unknownApplicationCommand();
    const merged = { ...existing.object, ...(isRecord(request.body) ? request.body : {}) };
    const errors = new FormErrors();
    validateCommandDefinition(merged, errors, []);
    if (errors.hasErrors) return errors.toResponse();
    this.state.commandsFor(scope).delete(existing.id);
    const { command } = this.state.upsertCommand(scope, { ...merged, id: existing.id });
    this.state.commandsFor(scope).delete(command.id);
    const restored = { ...command, id: existing.id, object: { ...command.object, id: existing.id } };
    this.state.commandsFor(scope).set(existing.id, restored);
    return ok(restored.object);
  }

  private deleteCommand(request: RouteRequest): RouteResponse {
    const scope = this.commandScope(request);
    if (isError(scope)) return scope;
    return this.state.commandsFor(scope).delete(request.params.command_id ?? '')
      ? NO_CONTENT
      : DiscordErrors.unknownApplicationCommand();
  }

  /** "200 command creates a day per guild" (DISCORD-LIMITS.md); Discord answers 429 with code 30034. */
  private takeDailyCreates(scope: string | null, count: number): RouteResponse | null {
    if (count === 0) return null;
    const used = this.state.takeCommandCreates(scope ?? 'global', count, this.settings.dailyCommandCreates);
    if (used) return null;
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    const retryAfter = Math.ceil((midnight.getTime() - Date.now()) / 1000);
    const error = DiscordErrors.maxDailyCommandCreates();
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
      body: { ...error.body, retry_after: retryAfter, global: false },
    };
  }

  // ---- interaction callbacks (docs: Receiving and Responding → Create Interaction Response) ----

  private interactionCallback(request: RouteRequest): RouteResponse {
    const now = Date.now();
    const interaction = this.state.interactions.get(request.params.interaction_id ?? '');
    const body = isRecord(request.body) ? request.body : {};
    const withResponse = queryBoolean(request.query.get('with_response'));
    const type = typeof body.type === 'number' ? body.type : null;
    if (!interaction || interaction.token !== request.params.token) return DiscordErrors.unknownInteraction();

    const response = this.applyCallback(interaction, body, type, withResponse, request.files, now);
    interaction.callbacks.push({
      at: now,
      elapsedMs: now - interaction.dispatchedAt,
      type,
      body: request.body,
      withResponse,
      status: response.status,
      response: response.body ?? null,
    });
    return response;
  }

  private applyCallback(
    interaction: InteractionRecord,
    body: Record<string, unknown>,
    type: number | null,
    withResponse: boolean,
    files: UploadedFile[],
    now: number,
  ): RouteResponse {
    // A second response, even a late one, is "already acknowledged" (40060).
    if (interaction.acknowledged) return DiscordErrors.interactionAlreadyAcknowledged();
    // "you must send an initial response within 3 seconds of receiving the event. If the
    // 3 second deadline is exceeded, the token will be invalidated" → 10062 Unknown interaction.
    if (interaction.expired || now - interaction.dispatchedAt > this.settings.interactionDeadlineMs) {
      interaction.expired = true;
      return DiscordErrors.unknownInteraction();
    }

    const errors = new FormErrors();
    const allowed = ALLOWED_CALLBACKS[interaction.type] ?? [];
    const fromComponent = interaction.componentMessageId !== null;
    if (
      type === null ||
      !allowed.includes(type) ||
      (interaction.type === InteractionTypes.ModalSubmit && (type === 6 || type === 7) && !fromComponent)
    ) {
      errors.add(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        `Interaction response type ${String(type)} is not valid for interaction type ${interaction.type}`,
      );
      return errors.toResponse();
    }
    const data = isRecord(body.data) ? body.data : {};
    switch (type) {
      case CallbackTypes.ChannelMessageWithSource:
        validateMessageFields(data, errors, ['data'], { allowedFlags: INTERACTION_MESSAGE_FLAGS });
        if (!errors.hasErrors && isEmptyMessage(data, files.length)) return DiscordErrors.cannotSendEmptyMessage();
        break;
      case CallbackTypes.DeferredChannelMessageWithSource:
        validateMessageFields({ flags: data.flags }, errors, ['data'], { allowedFlags: DEFERRED_MESSAGE_FLAGS });
        break;
      case CallbackTypes.UpdateMessage:
        validateMessageFields(data, errors, ['data'], { allowedFlags: CREATE_MESSAGE_FLAGS });
        break;
      case CallbackTypes.ApplicationCommandAutocompleteResult:
        validateAutocompleteData(body.data, errors, ['data']);
        break;
      case CallbackTypes.Modal:
        validateModalData(body.data, errors, ['data']);
        break;
      default:
        break;
    }
    if (errors.hasErrors) return errors.toResponse();

    let resourceMessage: StoredMessage | null = null;
    const flags = typeof data.flags === 'number' ? data.flags : 0;
    if (type === CallbackTypes.ChannelMessageWithSource) {
      resourceMessage = this.createInteractionMessage(interaction, data, files, flags, 'interaction-response');
      interaction.originalMessageId = resourceMessage.message.id;
    } else if (type === CallbackTypes.DeferredChannelMessageWithSource) {
      // The user sees "<bot> is thinking…": a LOADING message that @original edits later.
      const deferred = this.createInteractionMessage(
        interaction,
        {},
        [],
        (flags & MessageFlagBits.Ephemeral) | MessageFlagBits.Loading,
        'interaction-response',
      );
      interaction.originalMessageId = deferred.message.id;
      interaction.originalLoading = true;
    } else if (type === CallbackTypes.DeferredUpdateMessage || type === CallbackTypes.UpdateMessage) {
      // For components, @original is the message the component is attached to.
      interaction.originalMessageId = interaction.componentMessageId;
      const target = interaction.componentMessageId
        ? this.state.messages.get(interaction.componentMessageId)
        : undefined;
      if (type === CallbackTypes.UpdateMessage && target) {
        resourceMessage = this.state.editMessage(target, data, files, 'interaction');
      }
    }
    interaction.acknowledged = true;
    interaction.ackType = type;
    this.state.touch();

    if (!withResponse) return NO_CONTENT;
    // docs: Interaction Callback Response Object.
    const original = interaction.originalMessageId ? this.state.messages.get(interaction.originalMessageId) : undefined;
    return ok({
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(original
          ? {
              response_message_id: original.message.id,
              response_message_loading: interaction.originalLoading,
              response_message_ephemeral: original.ephemeral,
            }
          : {}),
      },
      resource: { type, ...(resourceMessage ? { message: this.restMessage(resourceMessage) } : {}) },
    });
  }

  private createInteractionMessage(
    interaction: InteractionRecord,
    data: Record<string, unknown>,
    files: UploadedFile[],
    flags: number,
    source: 'interaction-response' | 'follow-up',
  ): StoredMessage {
    const commandData = isRecord(interaction.payload.data) ? interaction.payload.data : {};
    let type: number = MessageTypes.Default;
    if (source === 'interaction-response' && interaction.type === InteractionTypes.ApplicationCommand) {
      type =
        commandData.type === CommandTypes.ChatInput ? MessageTypes.ChatInputCommand : MessageTypes.ContextMenuCommand;
    }
    return this.state.createMessage({
      channelId: interaction.channelId,
      author: this.state.botUser,
      body: data,
      files,
      source,
      type,
      flags,
      referenced: null,
      mentionDefaults: 'interaction',
      webhookId: this.state.applicationId,
      applicationId: this.state.applicationId,
      interaction,
      announce: true,
    });
  }

  // ---- interaction webhooks (docs: Receiving and Responding → Followup Messages) -------------

  private webhookInteraction(request: RouteRequest): Outcome<InteractionRecord> {
    if (request.params.webhook_id !== this.state.applicationId) return DiscordErrors.unknownWebhook();
    const interaction = this.state.interactionByToken(request.params.token ?? '');
    // "Interaction tokens are valid for 15 minutes".
    if (!interaction || Date.now() - interaction.dispatchedAt > this.settings.interactionTokenTtlMs)
      return DiscordErrors.invalidWebhookToken();
    // Before any callback (or after the 3 s deadline passed without one) there is no webhook yet.
    if (!interaction.acknowledged) return DiscordErrors.unknownWebhook();
    return interaction;
  }

  private webhookMessage(interaction: InteractionRecord, messageId: string): Outcome<StoredMessage> {
    const id = messageId === '@original' ? interaction.originalMessageId : messageId;
    const owned = id !== null && (id === interaction.originalMessageId || interaction.followUpIds.includes(id));
    const stored = owned ? this.state.messages.get(id) : undefined;
    if (!stored || stored.deleted) return DiscordErrors.unknownMessage();
    return stored;
  }

  private recordWebhookCall(
    interaction: InteractionRecord | null,
    request: RouteRequest,
    response: RouteResponse,
    messageId: string | null,
  ): RouteResponse {
    if (interaction) {
      const now = Date.now();
      interaction.webhookCalls.push({
        at: now,
        elapsedMs: now - interaction.dispatchedAt,
        method: request.method,
        target: request.params.message_id ?? 'follow-up',
        body: request.body,
        status: response.status,
        response: response.body ?? null,
        messageId,
      });
      this.state.touch();
    }
    return response;
  }

  private tokenInteraction(request: RouteRequest): InteractionRecord | null {
    return this.state.interactionByToken(request.params.token ?? '') ?? null;
  }

  private getWebhookMessage(request: RouteRequest): RouteResponse {
    const interaction = this.webhookInteraction(request);
    if (isError(interaction)) return interaction;
    const stored = this.webhookMessage(interaction, request.params.message_id ?? '');
    if (isError(stored)) return stored;
    return ok(this.restMessage(stored));
  }

  /** docs: Edit Original Interaction Response / Edit Followup Message ("functions the same as Edit Webhook Message"). */
  private editWebhookMessage(request: RouteRequest): RouteResponse {
    const interaction = this.webhookInteraction(request);
    if (isError(interaction)) return this.recordWebhookCall(this.tokenInteraction(request), request, interaction, null);
    const stored = this.webhookMessage(interaction, request.params.message_id ?? '');
    if (isError(stored)) return this.recordWebhookCall(interaction, request, stored, null);
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrors();
    validateMessageFields(body, errors, [], { allowedFlags: EDIT_MESSAGE_FLAGS });
    if (errors.hasErrors) return this.recordWebhookCall(interaction, request, errors.toResponse(), stored.message.id);
    if (this.wouldBeEmpty(stored, body, request.files)) {
      return this.recordWebhookCall(interaction, request, DiscordErrors.cannotSendEmptyMessage(), stored.message.id);
    }
    this.state.editMessage(stored, body, request.files, 'interaction');
    if (stored.message.id === interaction.originalMessageId) interaction.originalLoading = false;
    return this.recordWebhookCall(interaction, request, ok(this.restMessage(stored)), stored.message.id);
  }

  /**
   * docs: Create Followup Message — "Functions the same as Execute Webhook, but wait is
   * always true" and, right after a DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, it "will
   * function as Edit Original Interaction Response ... The ephemeral flag will be ignored".
   */
  private createFollowUp(request: RouteRequest): RouteResponse {
    const interaction = this.webhookInteraction(request);
    if (isError(interaction)) return this.recordWebhookCall(this.tokenInteraction(request), request, interaction, null);
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrors();
    validateMessageFields(body, errors, [], { allowedFlags: INTERACTION_MESSAGE_FLAGS });
    if (errors.hasErrors) return this.recordWebhookCall(interaction, request, errors.toResponse(), null);
    if (isEmptyMessage(body, request.files.length))
      return this.recordWebhookCall(interaction, request, DiscordErrors.cannotSendEmptyMessage(), null);

    const original = interaction.originalMessageId ? this.state.messages.get(interaction.originalMessageId) : undefined;
    if (interaction.originalLoading && original && !original.deleted) {
      const withoutFlags = { ...body };
      delete withoutFlags.flags;
      this.state.editMessage(original, withoutFlags, request.files, 'interaction');
      interaction.originalLoading = false;
      return this.recordWebhookCall(interaction, request, ok(this.restMessage(original)), original.message.id);
    }
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    const stored = this.createInteractionMessage(interaction, body, request.files, flags, 'follow-up');
    interaction.followUpIds.push(stored.message.id);
    return this.recordWebhookCall(interaction, request, ok(this.restMessage(stored)), stored.message.id);
  }

  private deleteWebhookMessage(request: RouteRequest): RouteResponse {
    const interaction = this.webhookInteraction(request);
    if (isError(interaction)) return this.recordWebhookCall(this.tokenInteraction(request), request, interaction, null);
    const stored = this.webhookMessage(interaction, request.params.message_id ?? '');
    if (isError(stored)) return this.recordWebhookCall(interaction, request, stored, null);
    this.state.deleteMessage(stored);
    return this.recordWebhookCall(interaction, request, NO_CONTENT, stored.message.id);
  }

  // ---- channels and messages (docs: Resources → Channel, Message) ------------------------

  private channelFor(request: RouteRequest): Outcome<ChannelState> {
    const channel = this.state.channels.get(request.params.channel_id ?? '');
    if (!channel) return DiscordErrors.unknownChannel();
    if ((this.state.botPermissionsIn(channel) & PermissionFlagsBits.ViewChannel) === 0n)
      return DiscordErrors.missingAccess();
    return channel;
  }

  private hasPermission(channel: ChannelState, permission: bigint): boolean {
    return (this.state.botPermissionsIn(channel) & permission) === permission;
  }

  private getChannel(request: RouteRequest): RouteResponse {
    const channel = this.channelFor(request);
    return isError(channel) ? channel : ok(this.state.channelObject(channel));
  }

  /** docs: Message → Create Message. */
  private createChannelMessage(request: RouteRequest): RouteResponse {
    const channel = this.channelFor(request);
    if (isError(channel)) return channel;
    if (!this.state.isTextBased(channel)) return DiscordErrors.cannotSendInNonTextChannel();
    const sendPermission = channel.thread
      ? PermissionFlagsBits.SendMessagesInThreads
      : PermissionFlagsBits.SendMessages;
    if (!this.hasPermission(channel, sendPermission)) return DiscordErrors.missingPermissions();

    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrors();
    validateMessageFields(body, errors, [], { allowedFlags: CREATE_MESSAGE_FLAGS });

    let referenced: StoredMessage | null = null;
    const reference = isRecord(body.message_reference) ? body.message_reference : null;
    if (reference && (reference.type ?? 0) === 0) {
      if (!this.hasPermission(channel, PermissionFlagsBits.ReadMessageHistory))
        return DiscordErrors.missingPermissions();
      const candidate = this.state.messages.get(String(reference.message_id ?? ''));
      const channelId = typeof reference.channel_id === 'string' ? reference.channel_id : channel.id;
      referenced = candidate && !candidate.deleted && candidate.channelId === channelId ? candidate : null;
      // "fail_if_not_exists: ... error if the referenced message doesn't exist instead of
      // sending as a normal (non-reply) message, default true".
      if (!referenced && reference.fail_if_not_exists !== false) {
        errors.add(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message');
      }
    }
    if (errors.hasErrors) return errors.toResponse();
    if (isEmptyMessage(body, request.files.length)) return DiscordErrors.cannotSendEmptyMessage();

    // "If true and nonce is present, it will be checked for uniqueness in the past few
    // minutes. If another message was created by the same author with the same nonce,
    // that message will be returned and no new message will be created."
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
    const nonceKey = body.enforce_nonce === true && nonce !== null ? `${this.state.botUser.id}:${nonce}` : null;
    if (nonceKey) {
      const seen = this.state.nonces.get(nonceKey);
      const existing =
        seen && Date.now() - seen.at <= this.settings.nonceWindowMs
          ? this.state.messages.get(seen.messageId)
          : undefined;
      if (existing) return ok(this.restMessage(existing));
    }

    const stored = this.state.createMessage({
      channelId: channel.id,
      author: this.state.botUser,
      body,
      files: request.files,
      source: 'channel',
      type: referenced ? MessageTypes.Reply : MessageTypes.Default,
      flags: typeof body.flags === 'number' ? body.flags : 0,
      referenced,
      mentionDefaults: 'message',
      announce: true,
    });
    if (nonceKey) this.state.nonces.set(nonceKey, { messageId: stored.message.id, at: Date.now() });
    return ok(this.restMessage(stored));
  }

  private channelMessage(request: RouteRequest): Outcome<{ channel: ChannelState; stored: StoredMessage }> {
    const channel = this.channelFor(request);
    if (isError(channel)) return channel;
    const stored = this.state.messages.get(request.params.message_id ?? '');
    if (!stored || stored.deleted || stored.ephemeral || stored.channelId !== channel.id)
      return DiscordErrors.unknownMessage();
    return { channel, stored };
  }

  private getChannelMessage(request: RouteRequest): RouteResponse {
    const found = this.channelMessage(request);
    if (isError(found)) return found;
    if (!this.hasPermission(found.channel, PermissionFlagsBits.ReadMessageHistory))
      return DiscordErrors.missingPermissions();
    return ok(this.restMessage(found.stored));
  }

  private editChannelMessage(request: RouteRequest): RouteResponse {
    const found = this.channelMessage(request);
    if (isError(found)) return found;
    if (found.stored.message.author.id !== this.state.botUser.id) return DiscordErrors.cannotEditOthersMessage();
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrors();
    validateMessageFields(body, errors, [], { allowedFlags: EDIT_MESSAGE_FLAGS });
    if (errors.hasErrors) return errors.toResponse();
    if (this.wouldBeEmpty(found.stored, body, request.files)) return DiscordErrors.cannotSendEmptyMessage();
    return ok(this.restMessage(this.state.editMessage(found.stored, body, request.files, 'message')));
  }

  private deleteChannelMessage(request: RouteRequest): RouteResponse {
    const found = this.channelMessage(request);
    if (isError(found)) return found;
    const own = found.stored.message.author.id === this.state.botUser.id;
    if (!own && !this.hasPermission(found.channel, PermissionFlagsBits.ManageMessages))
      return DiscordErrors.missingPermissions();
    this.state.deleteMessage(found.stored);
    return NO_CONTENT;
  }

  /** docs: Channel → Start Thread from Message. The thread's id is the message's id. */
  private startThreadFromMessage(request: RouteRequest): RouteResponse {
    const found = this.channelMessage(request);
    if (isError(found)) return found;
    const { channel, stored } = found;
    if (channel.type !== ChannelTypes.GuildText && channel.type !== ChannelTypes.GuildAnnouncement) {
      return { status: 400, body: { code: 50024, message: 'Cannot execute action on this channel type' } };
    }
    if (this.state.channels.has(stored.message.id)) return DiscordErrors.threadAlreadyCreated();
    if (!this.hasPermission(channel, PermissionFlagsBits.CreatePublicThreads))
      return DiscordErrors.missingPermissions();
    const body = isRecord(request.body) ? request.body : {};
    const errors = new FormErrors();
    if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100)
      errors.add(['name'], ...LengthErrors.between(1, 100));
    const duration = body.auto_archive_duration ?? 4320;
    if (typeof duration !== 'number' || !THREAD_ARCHIVE_DURATIONS.has(duration)) {
      errors.add(['auto_archive_duration'], 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
    }
    if (errors.hasErrors) return errors.toResponse();

    const now = new Date().toISOString();
    const thread = this.state.addChannel(channel.guildId ?? '', {
      id: stored.message.id,
      name: body.name as string,
      type:
        channel.type === ChannelTypes.GuildAnnouncement ? ChannelTypes.AnnouncementThread : ChannelTypes.PublicThread,
      parentId: channel.id,
    });
    thread.rateLimitPerUser = typeof body.rate_limit_per_user === 'number' ? body.rate_limit_per_user : 0;
    thread.thread = {
      ownerId: this.state.botUser.id,
      archived: false,
      autoArchiveDuration: duration as number,
      archiveTimestamp: now,
      createTimestamp: now,
      locked: false,
      messageCount: 0,
    };
    const object = this.state.channelObject(thread);
    stored.message.thread = object as unknown as NonNullable<StoredMessage['message']['thread']>;
    // The creator receives THREAD_CREATE with newly_created (docs: Gateway Events → Thread Create).
    this.state.dispatchThreadCreate(thread, object);
    return ok(object, 201);
  }

  private triggerTyping(request: RouteRequest): RouteResponse {
    const channel = this.channelFor(request);
    if (isError(channel)) return channel;
    return this.hasPermission(
      channel,
      channel.thread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages,
    )
      ? NO_CONTENT
      : DiscordErrors.missingPermissions();
  }

  // ---- helpers ------------------------------------------------------------------------

  /** REST message objects carry no `guild_id` (that is added by the gateway). */
  private restMessage(stored: StoredMessage): Record<string, unknown> {
    const message: Record<string, unknown> = { ...stored.message };
    delete message.guild_id;
    return message;
  }

  private wouldBeEmpty(stored: StoredMessage, body: Record<string, unknown>, files: UploadedFile[]): boolean {
    const pick = (key: string, current: unknown): unknown => (key in body ? body[key] : current);
    return isEmptyMessage(
      {
        content: pick('content', stored.message.content),
        embeds: pick('embeds', stored.message.embeds),
        components: pick('components', stored.message.components),
      },
      files.length +
        ('attachments' in body
          ? Array.isArray(body.attachments)
            ? body.attachments.length
            : 0
          : stored.message.attachments.length),
    );
  }
}
