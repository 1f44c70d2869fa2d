/**
 * A stand-in for Discord's API v10 (REST + Gateway) on 127.0.0.1 that the real
 * discord.js 14 client logs in to, for end-to-end and fault-injection tests.
 *
 *   const standIn = await DiscordStandIn.start();
 *   const client = new Client({ intents, rest: { api: standIn.apiBase } });
 *   await client.login(standIn.token);
 *   const handle = standIn.sendInteraction(slashCommand('ask', { question: 'hi' }));
 *   const callback = await handle.waitForCallback();
 *
 * discord.js appends `/v10` to `rest.api` (`${api}/v${version}${route}` in
 * @discordjs/rest REST#resolveRequest), so `apiBase` is `http://127.0.0.1:PORT/api` and
 * routes are served under `/api/v10`. The gateway shares the port.
 */
import { EventEmitter } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { DiscordErrors } from './errors.js';
import { GatewayServer, PRIVILEGED_INTENTS, type DispatchRoute, type GatewayLogEntry } from './gateway.js';
import {
  FaultRules,
  RateLimiter,
  Router,
  failureResponse,
  parseBody,
  rateLimitHeaders,
  type DelaySpec,
  type FailureSpec,
  type RateLimitRule,
  type RouteResponse,
} from './http.js';
import { InteractionTypes, OptionTypes, type DataOption, type InteractionInit } from './interactions.js';
import { writtenMentions } from './mentions.js';
import { RestRoutes, type StandInSettings } from './routes.js';
import { PastSnowflakes, shardForGuild } from './snowflake.js';
import {
  DiscordState,
  MessageTypes,
  type CallbackRecord,
  type ChannelState,
  type GuildInit,
  type GuildState,
  type InteractionRecord,
  type StandInMessage,
  type StoredMessage,
  type UploadedFile,
  type UserInit,
  type WebhookCallRecord,
} from './state.js';
import { isRecord } from './validation.js';

export * from './interactions.js';
export type {
  CallbackRecord,
  GuildInit,
  ChannelInit,
  StandInMessage,
  StoredMessage,
  UserInit,
  WebhookCallRecord,
  InteractionRecord,
} from './state.js';
export { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './state.js';
export type { FailureSpec, DelaySpec, RateLimitRule } from './http.js';
export type { GatewayLogEntry } from './gateway.js';
export { GatewayClose, Intents } from './gateway.js';
export { effectiveMentions, pingsNobody, type EffectiveMentions } from './mentions.js';

export interface DiscordStandInOptions {
  /** The bot token the stand-in accepts (REST `Authorization: Bot <token>` and IDENTIFY). */
  token?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** Guilds the bot is in; default one guild with a #general text channel. */
  guilds?: GuildInit[];
  /** `shards` recommended by GET /gateway/bot; default 1. */
  shards?: number;
  /** `session_start_limit.max_concurrency`; default 1. */
  maxConcurrency?: number;
  /**
   * Answer op 9 to IDENTIFYs faster than max_concurrency per 5 s (docs: Gateway → Rate
   * Limiting). Off by default because each test starts a fresh client within seconds.
   */
  enforceIdentifyConcurrency?: boolean;
  /** HELLO `heartbeat_interval`; default 41250 (Discord's usual value). */
  heartbeatIntervalMs?: number;
  /** The first-response deadline; default 3000 (docs: "within 3 seconds"). */
  interactionDeadlineMs?: number;
  /** Interaction token lifetime; default 15 min. */
  interactionTokenTtlMs?: number;
  /** How long an `enforce_nonce` nonce is remembered; default 5 min ("the past few minutes"). */
  nonceWindowMs?: number;
  /** How long a disconnected session stays resumable; default 3 min. */
  sessionTtlMs?: number;
  /**
   * Privileged intents switched on "in the developer portal" (bits of GUILD_MEMBERS,
   * GUILD_PRESENCES, MESSAGE_CONTENT). Identifying with others closes with 4014. Default: all.
   */
  privilegedIntents?: number;
  /** Default per-route bucket; default 50 requests per 1000 ms. */
  rateLimit?: { limit: number; windowMs: number };
  /** Per-route bucket overrides, matched against route templates. */
  rateLimits?: RateLimitRule[];
  /** Global requests per second (interaction endpoints excluded); default 50, null = off. */
  globalRateLimitPerSecond?: number | null;
  /** Application command creates per day and scope; default 200. */
  dailyCommandCreates?: number;
}

export interface RecordedRequest {
  id: number;
  method: string;
  /** Full path, e.g. `/api/v10/channels/1/messages`. */
  path: string;
  /** The route template that answered (e.g. `/channels/:channel_id/messages`), or null for unknown routes. */
  route: string | null;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the `payload_json` (plus plain form fields) of a multipart body. */
  body: unknown;
  files: UploadedFile[];
  multipart: boolean;
  status: number;
  response: unknown;
  at: number;
  durationMs: number;
  /** Set when the answer came from `failNext`. */
  injected: boolean;
}

export interface UserMessageInit {
  content?: string;
  author?: UserInit | APIUser;
  /** Default: the first guild's first text channel (or the author's DM with `dm: true`). */
  channelId?: string;
  /** A DM to the bot (no guild_id; delivered to shard 0). */
  dm?: boolean;
  /** Prepends `<@bot>` to the content unless it already mentions the bot. */
  mentionsBot?: boolean;
  /** Makes the message a reply (type 19) to a stored message. */
  replyTo?: APIMessage | string;
  /** For replies: ping the replied-to author (default true, as the Discord client does). */
  mentionRepliedUser?: boolean;
  embeds?: unknown[];
  attachments?: Array<{ filename: string; size?: number; contentType?: string }>;
}

export interface SessionInfo {
  sessionId: string;
  shardId: number;
  shardCount: number;
  intents: number;
}

const DEFAULT_TOKEN = 'c3RhbmQtaW4.Ym90.dG9rZW4';
const APPLICATION_FLAGS = { presence: 1 << 13, members: 1 << 15, messageContent: 1 << 19 } as const;

class TimeoutError extends Error {}

export class DiscordStandIn {
  readonly token: string;
  readonly applicationId: string;
  readonly requests: RecordedRequest[] = [];
  /** Counts 401, 403 and 429 answers (docs: Invalid Request Limit). */
  invalidRequestCount = 0;
  heartbeatIntervalMs: number;
  privilegedIntents: number;

  private readonly state: DiscordState;
  private readonly settings: StandInSettings;
  private readonly router = new Router();
  private readonly faults = new FaultRules();
  private readonly pastIds = new PastSnowflakes();
  private readonly rateLimiter: RateLimiter;
  private readonly changes = new EventEmitter();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sessionTtlMs: number;
  private readonly enforceIdentifyConcurrency: boolean;
  private server!: Server;
  private gateway!: GatewayServer;
  private port = 0;
  private nextRequestId = 1;
  private stopped = false;

  private constructor(options: DiscordStandInOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    const botUserId = options.botUserId ?? '1100000000000000001';
    this.applicationId = options.applicationId ?? botUserId;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.privilegedIntents = options.privilegedIntents ?? PRIVILEGED_INTENTS;
    this.sessionTtlMs = options.sessionTtlMs ?? 180_000;
    this.enforceIdentifyConcurrency = options.enforceIdentifyConcurrency ?? false;
    this.changes.setMaxListeners(0);

    this.state = new DiscordState(this.applicationId, botUserId, options.botUsername ?? 'Stand-in Bot', {
      dispatch: (event, data, route) => this.gateway.dispatch(event, data, route),
      changed: () => this.emitChange(),
    });
    for (const guild of options.guilds && options.guilds.length > 0 ? options.guilds : [{ name: 'Stand-in Guild' }])
      this.state.addGuild(guild);

    this.settings = {
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
      interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      sessionStartLimit: { total: 1000, remaining: 1000, resetAfterMs: 86_400_000 },
      // Unverified apps with a privileged intent enabled carry its *_LIMITED flag (docs: Application Flags).
      applicationFlags:
        (this.privilegedIntents & (1 << 8) ? APPLICATION_FLAGS.presence : 0) |
        (this.privilegedIntents & (1 << 1) ? APPLICATION_FLAGS.members : 0) |
        (this.privilegedIntents & (1 << 15) ? APPLICATION_FLAGS.messageContent : 0),
      gatewayUrl: '',
      dailyCommandCreates: options.dailyCommandCreates ?? 200,
    };
    this.rateLimiter = new RateLimiter(
      options.rateLimit ?? { limit: 50, windowMs: 1000 },
      options.rateLimits ?? [],
      options.globalRateLimitPerSecond === undefined ? 50 : options.globalRateLimitPerSecond,
    );
    new RestRoutes(this.state, this.settings).register(this.router);
  }

  static async start(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn(options);
    await standIn.listen();
    return standIn;
  }

  private async listen(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.gateway = new GatewayServer(this.server, {
      token: () => this.token,
      heartbeatIntervalMs: () => this.heartbeatIntervalMs,
      privilegedIntentsEnabled: () => this.privilegedIntents,
      identifyConcurrency: () => ({
        enforce: this.enforceIdentifyConcurrency,
        maxConcurrency: this.settings.maxConcurrency,
      }),
      sessionTtlMs: () => this.sessionTtlMs,
      readyPayloadBase: () => ({
        user: { ...this.state.botUser, bot: true, verified: true, mfa_enabled: false, email: null },
        application: { id: this.applicationId, flags: this.settings.applicationFlags },
      }),
      guildIdsForShard: (shardId, shardCount) =>
        [...this.state.guilds.keys()].filter((id) => shardForGuild(id, shardCount) === shardId),
      guildCreatePayload: (guildId) => this.state.guildCreatePayload(guildId),
      resumeUrl: () => this.settings.gatewayUrl,
      onIdentify: () => {
        this.settings.sessionStartLimit.remaining = Math.max(0, this.settings.sessionStartLimit.remaining - 1);
      },
      onChange: () => this.emitChange(),
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.settings.gatewayUrl = `ws://127.0.0.1:${this.port}`;
  }

  /** Closes the gateway (terminating sockets), the HTTP server and pending timers. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.changes.emit('stop');
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- addresses and settings -----------------------------------------------------------

  /** What the bot gets as DISCORD_API_BASE / `rest.api`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return this.settings.gatewayUrl;
  }

  get interactionDeadlineMs(): number {
    return this.settings.interactionDeadlineMs;
  }

  set interactionDeadlineMs(value: number) {
    this.settings.interactionDeadlineMs = value;
  }

  get interactionTokenTtlMs(): number {
    return this.settings.interactionTokenTtlMs;
  }

  set interactionTokenTtlMs(value: number) {
    this.settings.interactionTokenTtlMs = value;
  }

  // ---- the modelled world ------------------------------------------------------------

  get botUser(): APIUser {
    return this.state.botUser;
  }

  /** The user interactions and messages come from unless told otherwise. */
  get defaultUser(): APIUser {
    return this.state.defaultUser;
  }

  get guilds(): GuildState[] {
    return [...this.state.guilds.values()];
  }

  get defaultGuildId(): string {
    return this.state.defaultGuild().id;
  }

  get defaultChannelId(): string {
    return this.state.defaultChannelOf(this.defaultGuildId).id;
  }

  guild(guildId: string = this.defaultGuildId): GuildState {
    const guild = this.state.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}`);
    return guild;
  }

  channel(channelId: string): ChannelState {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`Unknown channel ${channelId}`);
    return channel;
  }

  addUser(init: UserInit = {}): APIUser {
    return this.state.addUser(init);
  }

  /** Adds a guild; once clients are connected this is the bot joining it (GUILD_CREATE). */
  addGuild(init: GuildInit): GuildState {
    const guild = this.state.addGuild(init);
    this.gateway.dispatch('GUILD_CREATE', this.state.guildCreatePayload(guild.id), { guildId: guild.id });
    return guild;
  }

  /** Registered application commands (global with `null`, or of a guild). */
  registeredCommands(guildId: string | null = null): Record<string, unknown>[] {
    return [...this.state.commandsFor(guildId).values()].map((command) => command.object);
  }

  /** Every stored message (users' and the bot's), optionally of one channel. */
  messages(channelId?: string): StoredMessage[] {
    return [...this.state.messages.values()].filter(
      (m) => !m.deleted && (channelId === undefined || m.channelId === channelId),
    );
  }

  /** Messages the bot created (channel messages, interaction responses, follow-ups). */
  botMessages(): StoredMessage[] {
    return this.messages().filter((m) => m.message.author.id === this.state.botUser.id);
  }

  message(messageId: string): StoredMessage | undefined {
    return this.state.messages.get(messageId);
  }

  // ---- gateway -------------------------------------------------------------------------

  get gatewayLog(): GatewayLogEntry[] {
    return this.gateway.log;
  }

  /** Sessions that are live or resumable. */
  sessions(): SessionInfo[] {
    return this.gateway
      .activeSessions()
      .map((s) => ({ sessionId: s.id, shardId: s.shardId, shardCount: s.shardCount, intents: s.intents }));
  }

  /**
   * Resolves once a client has identified (or resumed) and been sent its GUILD_CREATEs:
   * for one shard, or (without `shardId`) for every shard of the count it identified with.
   */
  waitForReady(shardId?: number, timeoutMs = 10_000): Promise<SessionInfo[]> {
    return this.waitUntil(
      () => {
        const ready = this.gateway.readySessions();
        const info = ready.map((s) => ({
          sessionId: s.id,
          shardId: s.shardId,
          shardCount: s.shardCount,
          intents: s.intents,
        }));
        if (shardId !== undefined)
          return info.some((s) => s.shardId === shardId) ? info.filter((s) => s.shardId === shardId) : undefined;
        const count = Math.max(0, ...info.map((s) => s.shardCount));
        if (count === 0) return undefined;
        for (let id = 0; id < count; id += 1)
          if (!info.some((s) => s.shardId === id && s.shardCount === count)) return undefined;
        return info;
      },
      timeoutMs,
      `a ready gateway session${shardId === undefined ? '' : ` for shard ${shardId}`}`,
    );
  }

  /** Waits for a gateway log entry logged from now on. */
  waitForGateway(predicate: (entry: GatewayLogEntry) => boolean, timeoutMs = 5_000): Promise<GatewayLogEntry> {
    const from = this.gateway.log.length;
    return this.waitUntil(() => this.gateway.log.slice(from).find(predicate), timeoutMs, 'a matching gateway payload');
  }

  /** Sends a raw dispatch, routed by guild like Discord's (null: shard 0). */
  dispatch(event: string, data: unknown, route: DispatchRoute = { guildId: null }): number {
    return this.gateway.dispatch(event, data, route);
  }

  closeGateway(code: number, shardId?: number, reason?: string): number {
    return this.gateway.closeConnections(code, shardId, reason);
  }

  /** Drops connections without a close frame (the client sees 1006 and should resume). */
  dropGateway(shardId?: number): number {
    return this.gateway.dropConnections(shardId);
  }

  requestReconnect(shardId?: number): number {
    return this.gateway.requestReconnect(shardId);
  }

  invalidateSession(resumable: boolean, shardId?: number): number {
    return this.gateway.invalidateSession(resumable, shardId);
  }

  requestHeartbeat(shardId?: number): number {
    return this.gateway.requestHeartbeat(shardId);
  }

  /** Stops sending HEARTBEAT_ACK on the connections open now; new connections ack again. */
  stopAcking(shardId?: number): number {
    return this.gateway.stopAcking(shardId);
  }

  resumeAcking(): void {
    this.gateway.resumeAcking();
  }

  // ---- interactions ------------------------------------------------------------------

  /**
   * Completes an interaction (see the builders in ./interactions.ts) into a full,
   * documented INTERACTION_CREATE and dispatches it to the shard of its guild.
   */
  private readonly attachments = new Map<string, Record<string, unknown>>();

  /**
   * A file a user attached to an attachment option, as Discord serves it from its CDN (docs: Attachment Object):
   * the value to give the option. `url` is where the test serves it (its own site on 127.0.0.1).
   */
  addAttachment(init: { filename: string; url: string; size: number; contentType?: string }): string {
    const id = this.state.ids.next();
    this.attachments.set(id, {
      id,
      filename: init.filename,
      size: init.size,
      url: init.url,
      proxy_url: init.url,
      ...(init.contentType !== undefined ? { content_type: init.contentType } : {}),
    });
    return id;
  }

  sendInteraction(init: InteractionInit): InteractionHandle {
    const state = this.state;
    const user = state.resolveUser(init.user);
    const component = init.message !== undefined ? this.adoptMessage(init.message) : null;
    const target = init.targetMessage !== undefined ? this.adoptMessage(init.targetMessage) : null;
    const anchor = component ?? target;

    let channel: ChannelState;
    if (init.channelId !== undefined) channel = this.channel(init.channelId);
    else if (anchor) channel = this.channel(anchor.channelId);
    else if (init.guildId === null) channel = state.dmChannelFor(user.id);
    else channel = state.defaultChannelOf(init.guildId ?? this.defaultGuildId);
    const guild = channel.guildId !== null ? state.guilds.get(channel.guildId) : undefined;
    if (!this.gateway.hasSessionFor(guild?.id ?? null)) {
      throw new Error(
        `No gateway session would receive an interaction for ${guild ? `guild ${guild.id}` : 'a DM'}; is the client logged in?`,
      );
    }
    if (guild) state.ensureMember(guild.id, user.id);

    const createdAt = Date.now() - (init.createdMsAgo ?? 0);
    const id = init.createdMsAgo !== undefined ? this.pastIds.at(createdAt) : state.ids.next();
    // Real tokens are long base64 strings ("interaction:<id>:<secret>").
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const data = this.completeInteractionData(init, guild?.id ?? null, channel, target);
    const memberPermissions = init.memberPermissions ?? (guild ? BigInt(guild.everyoneRole.permissions) : undefined);

    // docs: Interaction Object.
    const payload: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      type: init.type,
      data,
      channel: state.channelObject(channel),
      channel_id: channel.id,
      token,
      version: 1,
      app_permissions: (init.appPermissions ?? state.botPermissionsIn(channel)).toString(),
      locale: init.locale ?? 'en-US',
      entitlements: [],
      // GUILD_INSTALL ("0") → the guild's id, or "0" in a DM with the bot.
      // USER_INSTALL ("1") → the installing user, for an app used through a person's own install.
      authorizing_integration_owners: init.userInstall === true ? { '1': user.id } : { '0': guild ? guild.id : '0' },
      // docs: Interaction Context Types: GUILD 0, BOT_DM 1, PRIVATE_CHANNEL 2.
      context: guild ? 0 : init.userInstall === true ? 2 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (guild) {
      payload.guild_id = guild.id;
      payload.guild = { id: guild.id, locale: guild.locale, features: [] };
      payload.guild_locale = guild.locale;
      payload.member = {
        ...state.memberObject(guild.id, user.id, true),
        permissions: (memberPermissions ?? 0n).toString(),
      };
    } else {
      payload.user = user;
    }
    if (component) payload.message = component.message;

    const record: InteractionRecord = {
      id,
      token,
      type: init.type,
      payload,
      dispatchedAt: createdAt,
      channelId: channel.id,
      guildId: guild?.id ?? null,
      user,
      acknowledged: false,
      ackType: null,
      expired: false,
      componentMessageId: component?.message.id ?? null,
      originalMessageId: null,
      originalLoading: false,
      followUpIds: [],
      callbacks: [],
      webhookCalls: [],
    };
    state.interactions.set(id, record);
    state.interactionsByToken.set(token, record);
    this.gateway.dispatch('INTERACTION_CREATE', payload, { guildId: guild?.id ?? null });
    return new InteractionHandle(this, record);
  }

  /** Adds the registered command's id, option types and resolved data. */
  private completeInteractionData(
    init: InteractionInit,
    guildId: string | null,
    channel: ChannelState,
    target: StoredMessage | null,
  ): Record<string, unknown> {
    const data: Record<string, unknown> = { ...init.data };
    const isCommand =
      init.type === InteractionTypes.ApplicationCommand ||
      init.type === InteractionTypes.ApplicationCommandAutocomplete;
    if (!isCommand) return data;
    const type = typeof data.type === 'number' ? data.type : 1;
    const command = this.state.findCommand(String(data.name), type, guildId);
    data.id = command?.id ?? this.state.ids.next();
    data.type = type;
    if (command?.guildId) data.guild_id = command.guildId;
    const resolved: Record<string, Record<string, unknown>> = {};
    if (target) {
      data.target_id = target.message.id;
      // The target's content is included even without MESSAGE_CONTENT (docs: Message Content Intent exceptions).
      resolved.messages = { [target.message.id]: target.message };
    }
    if (Array.isArray(data.options)) {
      const definitions = Array.isArray(command?.object.options) ? (command.object.options as unknown[]) : undefined;
      data.options = this.completeOptions(data.options as DataOption[], definitions, resolved, guildId, channel);
    }
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    return data;
  }

  private completeOptions(
    options: DataOption[],
    definitions: unknown[] | undefined,
    resolved: Record<string, Record<string, unknown>>,
    guildId: string | null,
    channel: ChannelState,
  ): DataOption[] {
    return options.map((option) => {
      const definition = definitions?.find((d) => isRecord(d) && d.name === option.name);
      const declaredType = isRecord(definition) && typeof definition.type === 'number' ? definition.type : option.type;
      if (declaredType === OptionTypes.Subcommand || declaredType === OptionTypes.SubcommandGroup) {
        const nested =
          isRecord(definition) && Array.isArray(definition.options) ? (definition.options as unknown[]) : undefined;
        return {
          ...option,
          type: declaredType,
          options: this.completeOptions(option.options ?? [], nested, resolved, guildId, channel),
        };
      }
      // A focused autocomplete value stays the raw text the user typed.
      if (option.focused) return { ...option, type: declaredType };
      const value = coerceOptionValue(option.value, declaredType);
      this.resolveOptionValue(declaredType, value, resolved, guildId);
      return { ...option, type: declaredType, ...(value !== undefined ? { value } : {}) };
    });
  }

  private resolveOptionValue(
    type: number,
    value: unknown,
    resolved: Record<string, Record<string, unknown>>,
    guildId: string | null,
  ): void {
    if (typeof value !== 'string') return;
    if (type === OptionTypes.Attachment) {
      const attachment = this.attachments.get(value);
      if (attachment) (resolved.attachments ??= {})[value] = attachment;
      return;
    }
    if (type === OptionTypes.User || type === OptionTypes.Mentionable) {
      const user = this.state.users.get(value);
      if (user) {
        (resolved.users ??= {})[value] = user;
        if (guildId) {
          this.state.ensureMember(guildId, value);
          // Resolved members are partial: no user, deaf or mute (docs: Resolved Data Structure).
          const member = this.state.memberObject(guildId, value, false);
          delete member.deaf;
          delete member.mute;
          (resolved.members ??= {})[value] = { ...member, permissions: this.guild(guildId).everyoneRole.permissions };
        }
        return;
      }
    }
    if (type === OptionTypes.Channel) {
      const channel = this.state.channels.get(value);
      if (channel)
        (resolved.channels ??= {})[value] = {
          ...this.state.channelObject(channel),
          permissions: this.state.botPermissionsIn(channel).toString(),
        };
    }
    if ((type === OptionTypes.Role || type === OptionTypes.Mentionable) && guildId) {
      const guild = this.guild(guildId);
      const role = [guild.everyoneRole, guild.botRole].find((r) => r.id === value);
      if (role) (resolved.roles ??= {})[value] = role;
    }
  }

  /** A message object or id → the stored message (storing a foreign object so edits can apply to it). */
  private adoptMessage(message: APIMessage | string): StoredMessage {
    if (typeof message === 'string') {
      const stored = this.state.messages.get(message);
      if (!stored) throw new Error(`Unknown message ${message}`);
      return stored;
    }
    const existing = this.state.messages.get(message.id);
    if (existing) return existing;
    const channel = this.channel(message.channel_id);
    const stored: StoredMessage = {
      message: { ...message, ...(channel.guildId ? { guild_id: channel.guildId } : {}) },
      channelId: channel.id,
      guildId: channel.guildId,
      source: message.author.id === this.state.botUser.id ? 'channel' : 'user',
      ephemeral: false,
      pings: { users: [], roles: [], everyone: false, repliedUser: false },
      interactionId: null,
      createdAt: Date.now(),
      deleted: false,
    };
    this.state.messages.set(message.id, stored);
    return stored;
  }

  // ---- user messages -------------------------------------------------------------------

  /** A user posts a message: dispatches MESSAGE_CREATE (subject to intents) and returns it. */
  sendMessage(init: UserMessageInit = {}): StandInMessage {
    const state = this.state;
    const author = state.resolveUser(init.author);
    const channel = init.dm
      ? state.dmChannelFor(author.id)
      : init.channelId
        ? this.channel(init.channelId)
        : state.defaultChannelOf(this.defaultGuildId);
    if (!this.gateway.hasSessionFor(channel.guildId)) {
      throw new Error(`No gateway session would receive a message in channel ${channel.id}; is the client logged in?`);
    }
    if (channel.guildId) state.ensureMember(channel.guildId, author.id);
    let content = init.content ?? '';
    if (init.mentionsBot && !writtenMentions(content).users.includes(state.botUser.id))
      content = `<@${state.botUser.id}> ${content}`;
    const referenced = init.replyTo !== undefined ? this.adoptMessage(init.replyTo) : null;
    const body: Record<string, unknown> = { content, embeds: init.embeds ?? [] };
    if (referenced && init.mentionRepliedUser === false)
      body.allowed_mentions = { parse: ['users', 'roles', 'everyone'], replied_user: false };
    const files: UploadedFile[] = (init.attachments ?? []).map((file, index) => ({
      field: `files[${index}]`,
      filename: file.filename,
      size: file.size ?? 0,
      contentType: file.contentType ?? 'application/octet-stream',
    }));
    const stored = state.createMessage({
      channelId: channel.id,
      author,
      body,
      files,
      source: 'user',
      type: referenced ? MessageTypes.Reply : MessageTypes.Default,
      flags: 0,
      referenced,
      mentionDefaults: 'message',
      announce: true,
    });
    return stored.message;
  }

  /**
   * Resolves with the first message by the bot (channel message, interaction response or
   * follow-up; already stored or yet to come) that matches the predicate.
   */
  waitForChannelMessage(
    predicate: (message: StandInMessage, stored: StoredMessage) => boolean,
    timeoutMs = 5_000,
  ): Promise<StandInMessage> {
    return this.waitUntil(
      () => this.botMessages().find((m) => predicate(m.message, m))?.message,
      timeoutMs,
      'a matching message from the bot',
    );
  }

  // ---- REST observation and faults -----------------------------------------------------

  /** Requests that no route answered (404 / 405). */
  unknownRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.route === null && !r.injected);
  }

  /** Waits for a recorded (answered) request, already logged or yet to come. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(predicate), timeoutMs, 'a matching HTTP request');
  }

  /** The next `times` (default 1) matching requests fail with `status`. */
  failNext(spec: FailureSpec): void {
    this.faults.addFailure(spec);
  }

  /** Matching requests are delayed by `ms` (all of them unless `times` is given). */
  delay(pathPattern: RegExp, ms: number, options: Omit<DelaySpec, 'pathPattern' | 'ms'> = {}): void {
    this.faults.addDelay({ ...options, pathPattern, ms });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // ---- HTTP --------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toUpperCase();
    const versioned = url.pathname.startsWith('/api/v10/') || url.pathname === '/api/v10';
    const path = versioned ? url.pathname.slice('/api/v10'.length) || '/' : url.pathname;

    const record: RecordedRequest = {
      id: this.nextRequestId++,
      method,
      path: url.pathname,
      route: null,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: undefined,
      files: [],
      multipart: false,
      status: 0,
      response: undefined,
      at: startedAt,
      durationMs: 0,
      injected: false,
    };

    let answer: RouteResponse;
    try {
      answer = await this.answer(
        method,
        path,
        versioned,
        url.searchParams,
        request.headers,
        Buffer.concat(chunks),
        record,
      );
    } catch (error) {
      answer = {
        status: 500,
        body: { message: `500: Internal Server Error (stand-in: ${(error as Error).message})`, code: 0 },
      };
    }
    if (this.stopped) return;

    record.status = answer.status;
    record.response = answer.body;
    record.durationMs = Date.now() - startedAt;
    if (
      [401, 403].includes(answer.status) ||
      (answer.status === 429 && answer.headers?.['x-ratelimit-scope'] !== 'shared')
    ) {
      this.invalidRequestCount += 1;
    }
    this.requests.push(record);

    const headers: Record<string, string> = { ...answer.headers };
    let payload: string | undefined;
    if (answer.body !== undefined && answer.status !== 204) {
      payload = JSON.stringify(answer.body);
      headers['content-type'] = 'application/json';
    }
    response.writeHead(answer.status, headers);
    response.end(payload);
    this.emitChange();
  }

  private async answer(
    method: string,
    path: string,
    versioned: boolean,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    raw: Buffer,
    record: RecordedRequest,
  ): Promise<RouteResponse> {
    const now = (): number => Date.now();
    let malformedBody = false;
    try {
      const parsed = await parseBody(raw, headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files;
      record.multipart = parsed.multipart;
    } catch {
      malformedBody = true;
    }

    const delay = this.faults.takeDelay(method, path);
    if (delay && (delay.when ?? 'before') === 'before') await this.sleep(delay.ms);

    const match = versioned ? this.router.match(method, path) : { route: null, pathExists: false };
    const template = match.route?.template ?? path;
    const params = match.route ? match.params : {};
    const bucket = this.rateLimiter.take(method, template, params, now());
    const withHeaders = (answer: RouteResponse): RouteResponse => ({
      ...answer,
      headers: { ...rateLimitHeaders(bucket, now()), ...answer.headers },
    });

    const failure = this.faults.takeFailure(method, path);
    if (failure && (failure.when ?? 'before') === 'before') {
      record.injected = true;
      return failureResponse(failure, bucket, now());
    }

    let answer: RouteResponse;
    if (malformedBody) {
      answer = withHeaders({ status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } });
    } else if (!match.route) {
      answer = withHeaders(match.pathExists ? DiscordErrors.methodNotAllowed() : DiscordErrors.notFound());
    } else {
      record.route = match.route.template;
      if (match.route.auth === 'bot' && headers.authorization !== `Bot ${this.token}`) {
        answer = withHeaders(DiscordErrors.unauthorized());
      } else {
        const globalWait = match.route.global ? this.rateLimiter.takeGlobal(now()) : 0;
        if (globalWait > 0) {
          answer = failureResponse(
            { pathPattern: /./, status: 429, global: true, retryAfter: Math.ceil(globalWait) / 1000 },
            bucket,
            now(),
          );
        } else if (bucket.exceeded) {
          const retryAfter = Math.max(0, bucket.resetAt - now()) / 1000;
          // Natural 429s carry a whole-second Retry-After, as Discord's do.
          answer = failureResponse({ pathPattern: /./, status: 429, retryAfter: Math.ceil(retryAfter) }, bucket, now());
          answer.body = {
            message: 'You are being rate limited.',
            retry_after: Number(retryAfter.toFixed(3)),
            global: false,
          };
        } else {
          const request = { method, path, params, query, headers, body: record.body, files: record.files };
          answer = withHeaders(await match.route.handler(request));
        }
      }
    }

    if (failure) {
      // when: 'after' — the route ran, but the client gets the failure.
      record.injected = true;
      answer = failureResponse(failure, bucket, now());
    }
    if (delay && delay.when === 'after') await this.sleep(delay.ms);
    return answer;
  }

  // ---- waiting -----------------------------------------------------------------------

  private emitChange(): void {
    this.changes.emit('change');
  }

  /** @internal Resolves when `check` returns a value; re-checked on every state change. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const initial = check();
      if (initial !== undefined) {
        resolve(initial);
        return;
      }
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
        this.changes.off('stop', onStop);
      };
      const onChange = (): void => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const onStop = (): void => {
        cleanup();
        reject(new Error(`The stand-in stopped while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new TimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.changes.on('change', onChange);
      this.changes.on('stop', onStop);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** What a test holds for a dispatched interaction. */
export class InteractionHandle {
  constructor(
    private readonly standIn: DiscordStandIn,
    readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /**
   * Delivers the same INTERACTION_CREATE again, as a gateway may after a resume: same id and token, so a second
   * callback meets 40060 and whatever the bot keeps by interaction id must not count it twice.
   */
  redeliver(): void {
    this.standIn.dispatch('INTERACTION_CREATE', this.record.payload, { guildId: this.record.guildId });
  }

  /** The INTERACTION_CREATE `d` that was dispatched. */
  get payload(): Record<string, unknown> {
    return this.record.payload;
  }

  get dispatchedAt(): number {
    return this.record.dispatchedAt;
  }

  get acknowledged(): boolean {
    return this.record.acknowledged;
  }

  /** Callbacks that reached the stand-in's route (failures injected before it are not here). */
  callbacks(): CallbackRecord[] {
    return this.record.callbacks;
  }

  /** The first callback that reached the route, with its status, body and timing. */
  waitForCallback(timeoutMs = 5_000): Promise<CallbackRecord> {
    return this.standIn.waitUntil(() => this.record.callbacks[0], timeoutMs, `a callback for interaction ${this.id}`);
  }

  /** Webhook calls with this interaction's token (edits, follow-ups, deletes, fetches). */
  webhookCalls(): WebhookCallRecord[] {
    return this.record.webhookCalls;
  }

  /** PATCHes of the original response. */
  edits(): WebhookCallRecord[] {
    return this.record.webhookCalls.filter(
      (call) =>
        call.method === 'PATCH' && (call.target === '@original' || call.target === this.record.originalMessageId),
    );
  }

  /** The first PATCH of the original response (whatever its status). */
  waitForOriginalEdit(timeoutMs = 5_000): Promise<WebhookCallRecord> {
    return this.standIn.waitUntil(
      () => this.edits()[0],
      timeoutMs,
      `an edit of the original response of interaction ${this.id}`,
    );
  }

  /** Follow-up messages created with this token. */
  followUps(): StandInMessage[] {
    return this.record.followUpIds
      .map((id) => this.standIn.message(id)?.message)
      .filter((m): m is StandInMessage => m !== undefined);
  }

  waitForFollowUp(count = 1, timeoutMs = 5_000): Promise<StandInMessage[]> {
    return this.standIn.waitUntil(
      () => (this.followUps().length >= count ? this.followUps() : undefined),
      timeoutMs,
      `${count} follow-up(s) of interaction ${this.id}`,
    );
  }

  /** The original response message (or, for components after type 6/7, the component's message). */
  originalMessage(): StandInMessage | undefined {
    const id = this.record.originalMessageId;
    return id ? this.standIn.message(id)?.message : undefined;
  }

  /** HTTP requests that used this interaction's id or token (including injected failures). */
  requests(): RecordedRequest[] {
    return this.standIn.requests.filter(
      (r) => r.path.includes(`/interactions/${this.id}/`) || r.path.includes(`/${this.token}`),
    );
  }
}

/** Option types whose values Discord sends as strings (text, or snowflakes). */
const STRING_VALUED_OPTION_TYPES = new Set<number>([
  OptionTypes.String,
  OptionTypes.User,
  OptionTypes.Channel,
  OptionTypes.Role,
  OptionTypes.Mentionable,
  OptionTypes.Attachment,
]);

/** Converts an option value to its declared type, as Discord sends it. */
function coerceOptionValue(value: DataOption['value'], type: number): DataOption['value'] {
  if (value === undefined) return value;
  const numeric = type === OptionTypes.Integer || type === OptionTypes.Number;
  if (numeric && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === OptionTypes.Boolean && typeof value === 'string') return value === 'true';
  if (STRING_VALUED_OPTION_TYPES.has(type)) return String(value);
  return value;
}
