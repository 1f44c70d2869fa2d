/**
 * The stand-in's model of the Discord world: users, guilds, channels, messages,
 * interactions and application commands, and the documented object shapes built from
 * them (docs: Resources → User, Guild, Channel, Message; Interactions → Receiving and
 * Responding; Application Commands).
 *
 * Shapes are complete enough for discord.js 14 to cache them (e.g. GUILD_CREATE carries
 * `channels`, `roles` and the bot's own member, so `message.reply` / `channel.send` work and
 * `channel.permissionsFor(client.user)` agrees with what the REST side enforces).
 */
import {
  PermissionFlagsBits,
  type APIMessage,
  type APIRole,
  type APIUser,
  type UserFlags,
} from 'discord-api-types/v10';
import type { DispatchRoute } from './gateway.js';
import { Intents } from './gateway.js';
import { effectiveMentions, type EffectiveMentions, type MentionDefaults } from './mentions.js';
import { SnowflakeGenerator } from './snowflake.js';
import { MessageFlagBits, isRecord } from './validation.js';

export const ChannelTypes = {
  GuildText: 0,
  DM: 1,
  GuildVoice: 2,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildForum: 15,
} as const;

const TEXT_BASED_CHANNEL_TYPES = new Set<number>([0, 1, 2, 3, 5, 10, 11, 12, 13]);
export const THREAD_CHANNEL_TYPES = new Set<number>([10, 11, 12]);

export const MessageTypes = {
  Default: 0,
  Reply: 19,
  ChatInputCommand: 20,
  ContextMenuCommand: 23,
} as const;

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What @everyone may do in a new guild (a typical community default, without admin bits). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** The bot's managed role: what an invite link with the usual text-bot scopes grants. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;

export interface UserInit {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface ChannelInit {
  id?: string;
  name: string;
  /** Channel type (docs: Channel Types); default 0, GUILD_TEXT. */
  type?: number;
  topic?: string | null;
  parentId?: string | null;
  nsfw?: boolean;
  /**
   * The bot's exact permissions in this channel. Rendered as a member overwrite in
   * GUILD_CREATE (so discord.js computes the same) and enforced by the REST routes.
   */
  botPermissions?: bigint;
}

export interface GuildInit {
  id?: string;
  name: string;
  channels?: ChannelInit[];
  ownerId?: string;
  locale?: string;
  /** Permissions of the bot's managed role; default DEFAULT_BOT_PERMISSIONS. */
  botPermissions?: bigint;
  /** Permissions of @everyone; default DEFAULT_EVERYONE_PERMISSIONS. */
  everyonePermissions?: bigint;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  joinedAt: string;
  everyoneRole: APIRole;
  botRole: APIRole;
  channelIds: string[];
  memberJoinedAt: Map<string, string>;
}

export interface ThreadMetadataState {
  ownerId: string;
  archived: boolean;
  autoArchiveDuration: number;
  archiveTimestamp: string;
  createTimestamp: string;
  locked: boolean;
  messageCount: number;
}

export interface ChannelState {
  id: string;
  type: number;
  name: string | null;
  guildId: string | null;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  position: number;
  rateLimitPerUser: number;
  botPermissions: bigint | null;
  lastMessageId: string | null;
  recipientIds: string[];
  thread: ThreadMetadataState | null;
}

export type MessageSource = 'user' | 'channel' | 'interaction-response' | 'follow-up';

export type StandInMessage = APIMessage & { guild_id?: string };

export interface StoredMessage {
  message: StandInMessage;
  channelId: string;
  guildId: string | null;
  source: MessageSource;
  ephemeral: boolean;
  /** Who the message pings, given its content and allowed_mentions. */
  pings: EffectiveMentions;
  interactionId: string | null;
  createdAt: number;
  deleted: boolean;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface CallbackRecord {
  at: number;
  /** Milliseconds between the INTERACTION_CREATE dispatch and this callback's arrival. */
  elapsedMs: number;
  type: number | null;
  body: unknown;
  withResponse: boolean;
  status: number;
  response: unknown;
}

export interface WebhookCallRecord {
  at: number;
  elapsedMs: number;
  method: string;
  /** `@original`, `follow-up` (POST) or a message id. */
  target: string;
  body: unknown;
  status: number;
  response: unknown;
  messageId: string | null;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  dispatchedAt: number;
  channelId: string;
  guildId: string | null;
  user: APIUser;
  acknowledged: boolean;
  ackType: number | null;
  /** The deadline passed without an acknowledgement: the token is dead. */
  expired: boolean;
  /** The message a component (or a modal opened from one) belongs to. */
  componentMessageId: string | null;
  originalMessageId: string | null;
  /** A DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE response not yet edited ("thinking…"). */
  originalLoading: boolean;
  followUpIds: string[];
  callbacks: CallbackRecord[];
  webhookCalls: WebhookCallRecord[];
}

export interface StoredCommand {
  id: string;
  name: string;
  type: number;
  guildId: string | null;
  object: Record<string, unknown>;
}

export interface StateHooks {
  dispatch(event: string, data: unknown, route: DispatchRoute): void;
  changed(): void;
}

export interface CreateMessageInput {
  channelId: string;
  author: APIUser;
  body: Record<string, unknown>;
  files: UploadedFile[];
  source: MessageSource;
  type: number;
  flags: number;
  referenced: StoredMessage | null;
  mentionDefaults: MentionDefaults;
  webhookId?: string;
  applicationId?: string;
  interaction?: InteractionRecord;
  /** Dispatch MESSAGE_CREATE (guild channels and DMs; never for ephemeral messages). */
  announce: boolean;
}

export class DiscordState {
  readonly ids = new SnowflakeGenerator();
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  readonly globalCommands = new Map<string, StoredCommand>();
  readonly guildCommands = new Map<string, Map<string, StoredCommand>>();
  /** enforce_nonce memory: `${authorId}:${nonce}` → message id and time. */
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly commandCreates = new Map<string, { day: number; count: number }>();
  readonly botUser: APIUser;
  readonly defaultUser: APIUser;

  constructor(
    readonly applicationId: string,
    botUserId: string,
    botUsername: string,
    private readonly hooks: StateHooks,
  ) {
    this.botUser = this.addUser({ id: botUserId, username: botUsername, bot: true });
    this.defaultUser = this.addUser({ username: 'tester' });
  }

  // ---- users ------------------------------------------------------------------------

  addUser(init: UserInit): APIUser {
    const id = init.id ?? this.ids.next();
    const existing = this.users.get(id);
    if (existing && init.username === undefined) return existing;
    // docs: User Object. Migrated usernames have discriminator "0".
    const user: APIUser = {
      id,
      username: init.username ?? existing?.username ?? `user${id.slice(-4)}`,
      discriminator: '0',
      global_name: init.globalName ?? null,
      avatar: null,
      public_flags: 0 as UserFlags,
      flags: 0 as UserFlags,
      ...(init.bot ? { bot: true } : {}),
    };
    this.users.set(id, user);
    return user;
  }

  resolveUser(init: UserInit | APIUser | undefined): APIUser {
    if (init === undefined) return this.defaultUser;
    if ('discriminator' in init)
      return this.users.get(init.id) ?? this.addUser({ id: init.id, username: init.username });
    return this.addUser(init);
  }

  // ---- guilds and channels --------------------------------------------------------------

  addGuild(init: GuildInit): GuildState {
    const id = init.id ?? this.ids.next();
    const now = new Date().toISOString();
    const role = (roleId: string, name: string, permissions: bigint, position: number, managed: boolean): APIRole =>
      ({
        id: roleId,
        name,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position,
        permissions: permissions.toString(),
        managed,
        mentionable: false,
        flags: 0,
        ...(managed ? { tags: { bot_id: this.botUser.id } } : {}),
      }) as unknown as APIRole;
    const guild: GuildState = {
      id,
      name: init.name,
      ownerId: init.ownerId ?? this.defaultUser.id,
      locale: init.locale ?? 'en-US',
      joinedAt: now,
      // The @everyone role's id is the guild's id (docs: Permissions → Role Object).
      everyoneRole: role(id, '@everyone', init.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0, false),
      botRole: role(this.ids.next(), this.botUser.username, init.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1, true),
      channelIds: [],
      memberJoinedAt: new Map([
        [this.botUser.id, now],
        [this.defaultUser.id, now],
      ]),
    };
    this.guilds.set(id, guild);
    const channels = init.channels && init.channels.length > 0 ? init.channels : [{ name: 'general' }];
    channels.forEach((channel, index) => this.addChannel(guild.id, channel, index));
    return guild;
  }

  addChannel(guildId: string, init: ChannelInit, position = 0): ChannelState {
    const channel: ChannelState = {
      id: init.id ?? this.ids.next(),
      type: init.type ?? ChannelTypes.GuildText,
      name: init.name,
      guildId,
      parentId: init.parentId ?? null,
      topic: init.topic ?? null,
      nsfw: init.nsfw ?? false,
      position,
      rateLimitPerUser: 0,
      botPermissions: init.botPermissions ?? null,
      lastMessageId: null,
      recipientIds: [],
      thread: null,
    };
    this.channels.set(channel.id, channel);
    this.guilds.get(guildId)?.channelIds.push(channel.id);
    return channel;
  }

  /** The DM channel between the bot and a user (created on first use, like POST /users/@me/channels). */
  dmChannelFor(userId: string): ChannelState {
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelTypes.DM && channel.recipientIds.includes(userId)) return channel;
    }
    const channel: ChannelState = {
      id: this.ids.next(),
      type: ChannelTypes.DM,
      name: null,
      guildId: null,
      parentId: null,
      topic: null,
      nsfw: false,
      position: 0,
      rateLimitPerUser: 0,
      botPermissions: null,
      lastMessageId: null,
      recipientIds: [userId],
      thread: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  isTextBased(channel: ChannelState): boolean {
    return TEXT_BASED_CHANNEL_TYPES.has(channel.type);
  }

  /** The bot's permissions in a channel: its explicit override, else @everyone | bot role. */
  botPermissionsIn(channel: ChannelState): bigint {
    if (channel.guildId === null) {
      // docs: app_permissions in DMs include ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE (+ external emojis with the bot).
      return (
        PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.ReadMessageHistory |
        PermissionFlagsBits.AttachFiles |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.MentionEveryone |
        PermissionFlagsBits.UseExternalEmojis
      );
    }
    const parent = channel.thread && channel.parentId ? this.channels.get(channel.parentId) : undefined;
    const own = channel.botPermissions ?? parent?.botPermissions ?? null;
    if (own !== null) return own;
    const guild = this.guilds.get(channel.guildId);
    if (!guild) return 0n;
    const base = BigInt(guild.everyoneRole.permissions) | BigInt(guild.botRole.permissions);
    return (base & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : base;
  }

  defaultGuild(): GuildState {
    const first = this.guilds.values().next();
    if (first.done) throw new Error('The stand-in has no guild');
    return first.value;
  }

  defaultChannelOf(guildId: string): ChannelState {
    const guild = this.guilds.get(guildId);
    const channel = guild?.channelIds
      .map((id) => this.channels.get(id))
      .find((c) => c !== undefined && c.type === ChannelTypes.GuildText);
    if (!channel) throw new Error(`Guild ${guildId} has no text channel`);
    return channel;
  }

  ensureMember(guildId: string, userId: string): void {
    const guild = this.guilds.get(guildId);
    if (guild && !guild.memberJoinedAt.has(userId)) guild.memberJoinedAt.set(userId, new Date().toISOString());
  }

  // ---- object shapes ----------------------------------------------------------------

  /** docs: Guild Member Object. `withUser: false` gives the partial member of MESSAGE_CREATE. */
  memberObject(guildId: string, userId: string, withUser: boolean): Record<string, unknown> {
    const guild = this.guilds.get(guildId);
    const user = this.users.get(userId);
    return {
      ...(withUser && user ? { user } : {}),
      nick: null,
      avatar: null,
      banner: null,
      roles: userId === this.botUser.id && guild ? [guild.botRole.id] : [],
      joined_at: guild?.memberJoinedAt.get(userId) ?? new Date().toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** docs: Channel Object. `inGuildCreate` omits guild_id, as GUILD_CREATE's channels do. */
  channelObject(channel: ChannelState, inGuildCreate = false): Record<string, unknown> {
    if (channel.type === ChannelTypes.DM) {
      return {
        id: channel.id,
        type: channel.type,
        last_message_id: channel.lastMessageId,
        flags: 0,
        recipients: channel.recipientIds.map((id) => this.users.get(id)).filter((u) => u !== undefined),
      };
    }
    const object: Record<string, unknown> = {
      id: channel.id,
      type: channel.type,
      name: channel.name,
      position: channel.position,
      parent_id: channel.parentId,
      nsfw: channel.nsfw,
      rate_limit_per_user: channel.rateLimitPerUser,
      last_message_id: channel.lastMessageId,
      flags: 0,
      ...(inGuildCreate ? {} : { guild_id: channel.guildId }),
    };
    if (channel.thread) {
      const thread = channel.thread;
      object.owner_id = thread.ownerId;
      object.message_count = thread.messageCount;
      object.total_message_sent = thread.messageCount;
      object.member_count = 1;
      object.thread_metadata = {
        archived: thread.archived,
        auto_archive_duration: thread.autoArchiveDuration,
        archive_timestamp: thread.archiveTimestamp,
        locked: thread.locked,
        create_timestamp: thread.createTimestamp,
      };
      object.applied_tags = [];
      delete object.position;
      delete object.nsfw;
    } else {
      object.topic = channel.topic;
      object.last_pin_timestamp = null;
      object.permission_overwrites =
        channel.botPermissions === null
          ? []
          : [
              {
                id: this.botUser.id,
                type: 1,
                allow: channel.botPermissions.toString(),
                deny: (ALL_PERMISSIONS & ~channel.botPermissions).toString(),
              },
            ];
    }
    return object;
  }

  /** docs: Guild Object. */
  guildObject(guild: GuildState): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [guild.everyoneRole, guild.botRole],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.channelIds[0] ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: guild.locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  /** docs: Gateway Events → Guild Create (guild object plus the extra fields). */
  guildCreatePayload(guildId: string): Record<string, unknown> {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}`);
    const channels = guild.channelIds
      .map((id) => this.channels.get(id))
      .filter((c): c is ChannelState => c !== undefined);
    return {
      ...this.guildObject(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.memberJoinedAt.size,
      voice_states: [],
      members: [this.memberObject(guild.id, this.botUser.id, true)],
      channels: channels.filter((c) => !c.thread).map((c) => this.channelObject(c, true)),
      threads: channels.filter((c) => c.thread !== null).map((c) => this.channelObject(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- messages -------------------------------------------------------------------------

  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }

  createMessage(input: CreateMessageInput): StoredMessage {
    const channel = this.channels.get(input.channelId);
    if (!channel) throw new Error(`Unknown channel ${input.channelId}`);
    const id = this.ids.next();
    const content = typeof input.body.content === 'string' ? input.body.content : '';
    const isReply = input.referenced !== null;
    const pings = effectiveMentions(content, input.body.allowed_mentions, input.mentionDefaults, isReply);
    const ephemeral = (input.flags & MessageFlagBits.Ephemeral) !== 0;

    const message: StandInMessage = {
      id,
      channel_id: channel.id,
      author: input.author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: input.body.tts === true,
      mention_everyone: pings.everyone,
      mentions: this.mentionedUsers(pings, input.referenced, channel.guildId) as APIMessage['mentions'],
      mention_roles: pings.roles,
      attachments: this.attachmentsFor(input.files, input.body.attachments),
      embeds: (Array.isArray(input.body.embeds) ? input.body.embeds.map(normalizeEmbed) : []) as APIMessage['embeds'],
      pinned: false,
      type: input.type,
      flags: input.flags,
      components: (Array.isArray(input.body.components) ? input.body.components : []) as NonNullable<
        APIMessage['components']
      >,
    };
    if (channel.guildId !== null) message.guild_id = channel.guildId;
    if (typeof input.body.nonce === 'string' || typeof input.body.nonce === 'number') message.nonce = input.body.nonce;
    if (input.webhookId) message.webhook_id = input.webhookId;
    if (input.applicationId) message.application_id = input.applicationId;
    if (input.referenced) {
      message.message_reference = {
        type: 0,
        message_id: input.referenced.message.id,
        channel_id: input.referenced.channelId,
        ...(input.referenced.guildId ? { guild_id: input.referenced.guildId } : {}),
      };
      message.referenced_message = input.referenced.message;
    }
    if (input.interaction) {
      const interaction = input.interaction;
      const data = isRecord(interaction.payload.data) ? interaction.payload.data : {};
      // docs: Message Interaction Metadata Object.
      message.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: interaction.user,
        authorizing_integration_owners: (interaction.payload.authorizing_integration_owners ?? {}) as Record<
          string,
          string
        >,
        ...(interaction.componentMessageId ? { interacted_message_id: interaction.componentMessageId } : {}),
        ...(typeof data.name === 'string' ? { name: data.name, command_type: data.type } : {}),
      } as APIMessage['interaction_metadata'] & object;
    }
    if (isRecord(input.body.poll)) message.poll = input.body.poll as unknown as APIMessage['poll'] & object;

    const stored: StoredMessage = {
      message,
      channelId: channel.id,
      guildId: channel.guildId,
      source: input.source,
      ephemeral,
      pings,
      interactionId: input.interaction?.id ?? null,
      createdAt: Date.now(),
      deleted: false,
    };
    this.messages.set(id, stored);
    if (!ephemeral) {
      channel.lastMessageId = id;
      if (channel.thread) channel.thread.messageCount += 1;
    }
    if (input.announce && !ephemeral) this.announce('MESSAGE_CREATE', stored);
    this.hooks.changed();
    return stored;
  }

  /** Applies an edit (Edit Message / Edit Webhook Message / UPDATE_MESSAGE). */
  editMessage(
    stored: StoredMessage,
    body: Record<string, unknown>,
    files: UploadedFile[],
    mentionDefaults: MentionDefaults,
  ): StoredMessage {
    const message = stored.message;
    if (typeof body.content === 'string' || body.content === null) message.content = body.content ?? '';
    if (Array.isArray(body.embeds) || body.embeds === null)
      message.embeds = ((body.embeds ?? []) as unknown[]).map(normalizeEmbed) as APIMessage['embeds'];
    if (Array.isArray(body.components) || body.components === null)
      message.components = (body.components ?? []) as NonNullable<APIMessage['components']>;
    if (Array.isArray(body.attachments) || files.length > 0)
      message.attachments = this.attachmentsFor(files, body.attachments);
    if (typeof body.flags === 'number') {
      // The ephemeral state of an existing message cannot change; keep the other settable bits.
      const keep = (message.flags ?? 0) & (MessageFlagBits.Ephemeral | MessageFlagBits.Loading);
      message.flags = keep | (body.flags & ~(MessageFlagBits.Ephemeral | MessageFlagBits.Loading));
    }
    message.flags = (message.flags ?? 0) & ~MessageFlagBits.Loading;
    if (body.allowed_mentions !== undefined || typeof body.content === 'string') {
      stored.pings = effectiveMentions(
        message.content,
        body.allowed_mentions,
        mentionDefaults,
        stored.message.referenced_message !== undefined,
      );
      message.mention_everyone = stored.pings.everyone;
      message.mention_roles = stored.pings.roles;
    }
    message.edited_timestamp = new Date().toISOString();
    if (!stored.ephemeral) this.announce('MESSAGE_UPDATE', stored);
    this.hooks.changed();
    return stored;
  }

  deleteMessage(stored: StoredMessage): void {
    stored.deleted = true;
    if (!stored.ephemeral) {
      this.hooks.dispatch(
        'MESSAGE_DELETE',
        {
          id: stored.message.id,
          channel_id: stored.channelId,
          ...(stored.guildId ? { guild_id: stored.guildId } : {}),
        },
        { guildId: stored.guildId, intent: stored.guildId ? Intents.GuildMessages : Intents.DirectMessages },
      );
    }
    this.hooks.changed();
  }

  /** Sends MESSAGE_CREATE / MESSAGE_UPDATE with the member fields the gateway adds. */
  announce(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', stored: StoredMessage): void {
    const data: Record<string, unknown> = { ...stored.message };
    if (stored.guildId !== null) {
      data.guild_id = stored.guildId;
      if (!stored.message.webhook_id) data.member = this.memberObject(stored.guildId, stored.message.author.id, false);
      data.mentions = stored.message.mentions.map((user) => ({
        ...user,
        member: this.memberObject(stored.guildId ?? '', user.id, false),
      }));
    }
    data.channel_type = this.channels.get(stored.channelId)?.type ?? ChannelTypes.GuildText;
    this.hooks.dispatch(event, data, {
      guildId: stored.guildId,
      intent: stored.guildId !== null ? Intents.GuildMessages : Intents.DirectMessages,
      transform: (intents) =>
        (intents & Intents.MessageContent) !== 0 ? data : this.withoutContent(data, stored.guildId === null),
    });
  }

  /**
   * docs: Gateway → Message Content Intent. Without it, content, embeds, attachments,
   * components and polls are empty, except in the bot's own messages, DMs, and messages
   * that mention the bot.
   */
  withoutContent(message: Record<string, unknown>, isDm: boolean): Record<string, unknown> {
    const author = isRecord(message.author) ? message.author : {};
    const mentions = Array.isArray(message.mentions) ? message.mentions : [];
    const mentionsBot = mentions.some((user) => isRecord(user) && user.id === this.botUser.id);
    if (isDm || author.id === this.botUser.id || mentionsBot) return message;
    const redacted: Record<string, unknown> = { ...message, content: '', embeds: [], attachments: [], components: [] };
    delete redacted.poll;
    if (isRecord(message.referenced_message))
      redacted.referenced_message = this.withoutContent(message.referenced_message, isDm);
    return redacted;
  }

  private mentionedUsers(
    pings: EffectiveMentions,
    referenced: StoredMessage | null,
    guildId: string | null,
  ): APIUser[] {
    const ids = [...pings.users];
    if (pings.repliedUser && referenced && !ids.includes(referenced.message.author.id))
      ids.push(referenced.message.author.id);
    return ids
      .map((id) => this.users.get(id))
      .filter(
        (user): user is APIUser => user !== undefined && (guildId === null || this.guilds.get(guildId) !== undefined),
      );
  }

  private attachmentsFor(files: UploadedFile[], declared: unknown): APIMessage['attachments'] {
    const descriptions = Array.isArray(declared) ? declared : [];
    return files.map((file, index) => {
      const id = this.ids.next();
      const meta = descriptions.find((entry) => isRecord(entry) && String(entry.id) === String(index));
      return {
        id,
        filename: file.filename,
        size: file.size,
        url: `https://cdn.discordapp.com/attachments/stand-in/${id}/${encodeURIComponent(file.filename)}`,
        proxy_url: `https://media.discordapp.net/attachments/stand-in/${id}/${encodeURIComponent(file.filename)}`,
        content_type: file.contentType,
        ...(isRecord(meta) && typeof meta.description === 'string' ? { description: meta.description } : {}),
      };
    });
  }

  /** THREAD_CREATE for a thread the bot just made (docs: Gateway Events → Thread Create, `newly_created`). */
  dispatchThreadCreate(thread: ChannelState, object: Record<string, unknown>): void {
    const joinedAt = new Date().toISOString();
    this.hooks.dispatch(
      'THREAD_CREATE',
      {
        ...object,
        newly_created: true,
        member: { id: thread.id, user_id: this.botUser.id, join_timestamp: joinedAt, flags: 0 },
      },
      { guildId: thread.guildId, intent: Intents.Guilds },
    );
    this.hooks.changed();
  }

  /** Tells waiters that something changed (e.g. an interaction was acknowledged). */
  touch(): void {
    this.hooks.changed();
  }

  // ---- interactions -------------------------------------------------------------------

  interactionByToken(token: string): InteractionRecord | undefined {
    return this.interactionsByToken.get(token);
  }

  // ---- application commands -----------------------------------------------------------

  commandsFor(guildId: string | null): Map<string, StoredCommand> {
    if (guildId === null) return this.globalCommands;
    let commands = this.guildCommands.get(guildId);
    if (!commands) {
      commands = new Map();
      this.guildCommands.set(guildId, commands);
    }
    return commands;
  }

  findCommandIn(commands: Map<string, StoredCommand>, name: string, type: number): StoredCommand | undefined {
    return [...commands.values()].find((command) => command.name === name && command.type === type);
  }

  /** Counts command creates against the daily limit of a scope; false when it would be exceeded. */
  takeCommandCreates(scope: string, count: number, dailyLimit: number): boolean {
    const day = Math.floor(Date.now() / 86_400_000);
    const used = this.commandCreates.get(scope);
    const current = used && used.day === day ? used.count : 0;
    if (current + count > dailyLimit) return false;
    this.commandCreates.set(scope, { day, count: current + count });
    return true;
  }

  /** A registered command by name: the guild's first, then global ones (as Discord resolves them for users). */
  findCommand(name: string, type: number, guildId: string | null): StoredCommand | undefined {
    const match = (commands: Map<string, StoredCommand> | undefined): StoredCommand | undefined =>
      commands ? [...commands.values()].find((command) => command.name === name && command.type === type) : undefined;
    return (guildId !== null ? match(this.guildCommands.get(guildId)) : undefined) ?? match(this.globalCommands);
  }

  /** Stores a command definition, keeping the id of an existing command with the same name and type. */
  upsertCommand(
    guildId: string | null,
    definition: Record<string, unknown>,
  ): { command: StoredCommand; created: boolean } {
    const commands = this.commandsFor(guildId);
    const type = typeof definition.type === 'number' ? definition.type : 1;
    const name = String(definition.name);
    const existing = [...commands.values()].find((command) => command.name === name && command.type === type);
    const id = existing?.id ?? this.ids.next();
    // docs: Application Command Object.
    const object: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      version: this.ids.next(),
      default_member_permissions: null,
      type,
      name,
      name_localizations: null,
      description: typeof definition.description === 'string' ? definition.description : '',
      description_localizations: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...definition,
      ...(guildId !== null ? { guild_id: guildId } : {}),
    };
    object.id = id;
    object.application_id = this.applicationId;
    object.type = type;
    const command: StoredCommand = { id, name, type, guildId, object };
    commands.set(id, command);
    return { command, created: existing === undefined };
  }
}

/** Discord fills `type: "rich"` into embeds it stores. */
function normalizeEmbed(embed: unknown): unknown {
  return isRecord(embed) ? { type: 'rich', ...embed } : embed;
}
