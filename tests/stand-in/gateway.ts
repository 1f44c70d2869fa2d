/**
 * The Gateway half of the stand-in: a `ws` server speaking Discord's gateway protocol v10
 * with JSON encoding (docs: Events → Gateway, Gateway Events, Opcodes and Status Codes).
 *
 * What @discordjs/ws 1.x does, and so what this must serve (read from
 * node_modules/@discordjs/ws/dist/index.mjs, `WebSocketShard`):
 * - connects to `${url}?v=10&encoding=json`, adding `&compress=zlib-stream` only when the
 *   optional `zlib-sync` package is installed (discord.js sets `compression` to null
 *   otherwise, and then never sends `compress: true` in IDENTIFY either). Both
 *   transport (zlib-stream) and payload (IDENTIFY `compress: true`) compression are
 *   supported here anyway, for bots that install zlib-sync.
 * - resumes with `${resume_gateway_url}?v=10&encoding=json` and RESUME {token, session_id, seq};
 * - closes with 4200 when it wants to resume (zombie connection, op 7) and with 1000
 *   when it gives up the session; the docs say a 1000/1001 close invalidates the session.
 * - on op 9 with `d: true` it sends RESUME on the *same* connection; with `d: false` it
 *   closes (1000) and identifies on a new connection.
 */
import type { IncomingMessage, Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { WebSocketServer, type RawData, WebSocket } from 'ws';
import { shardForGuild } from './snowflake.js';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export const GatewayClose = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  ShardingRequired: 4011,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Close codes after which the session cannot be resumed. */
const SESSION_ENDING_CLOSE_CODES = new Set<number>([
  1000,
  1001,
  GatewayClose.AuthenticationFailed,
  GatewayClose.InvalidSeq,
  GatewayClose.SessionTimedOut,
  GatewayClose.InvalidShard,
  GatewayClose.ShardingRequired,
  GatewayClose.InvalidApiVersion,
  GatewayClose.InvalidIntents,
  GatewayClose.DisallowedIntents,
]);

export const Intents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const PRIVILEGED_INTENTS = Intents.GuildMembers | Intents.GuildPresences | Intents.MessageContent;
/** Every intent bit documented for v10 (docs: Gateway → List of Intents). */
const KNOWN_INTENTS = 0b11_0011_0001_1111_1111_1111_1111;

/** "Event payloads sent over a Gateway connection ... must not exceed 4096 bytes". */
const MAX_CLIENT_PAYLOAD_BYTES = 4096;
/** "Apps can send 120 gateway events per connection every 60 seconds". */
const CLIENT_SEND_LIMIT = 120;
const CLIENT_SEND_WINDOW_MS = 60_000;
/** Identify concurrency window (docs: Gateway → Rate Limiting, "per 5 seconds"). */
const IDENTIFY_WINDOW_MS = 5_000;
/** Dispatches kept per session for RESUME replay. */
const REPLAY_BUFFER_SIZE = 5_000;

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface GatewayLogEntry {
  at: number;
  direction: 'sent' | 'received';
  connectionId: number;
  shardId: number | null;
  sessionId: string | null;
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
}

export interface DispatchRoute {
  /** The guild the event belongs to; `null` for DMs and other guild-less events (shard 0 only). */
  guildId: string | null;
  /** The intent a session must have identified with to receive the event. */
  intent?: number;
  /** Builds the payload for a session (e.g. to strip message content without MESSAGE_CONTENT). */
  transform?: (sessionIntents: number) => unknown;
}

export interface GatewayHooks {
  token(): string;
  heartbeatIntervalMs(): number;
  privilegedIntentsEnabled(): number;
  identifyConcurrency(): { enforce: boolean; maxConcurrency: number };
  sessionTtlMs(): number;
  readyPayloadBase(): { user: unknown; application: { id: string; flags: number } };
  guildIdsForShard(shardId: number, shardCount: number): string[];
  guildCreatePayload(guildId: string): unknown;
  resumeUrl(): string;
  onIdentify(): void;
  onChange(): void;
}

export class GatewaySession {
  seq = 0;
  readonly events: GatewayPayload[] = [];
  connection: GatewayConnection | null = null;
  invalidated = false;
  /** READY + GUILD_CREATEs (or RESUMED) have been sent on the current connection. */
  ready = false;
  disconnectedAt: number | null = null;

  constructor(
    readonly id: string,
    readonly shardId: number,
    readonly shardCount: number,
    readonly intents: number,
  ) {}
}

export class GatewayConnection {
  session: GatewaySession | null = null;
  acking = true;
  closing = false;
  payloadCompression = false;
  private readonly receivedAt: number[] = [];
  private sendChain: Promise<void> = Promise.resolve();

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    private readonly deflate: zlib.Deflate | null,
  ) {}

  get isOpen(): boolean {
    return !this.closing && this.socket.readyState === WebSocket.OPEN;
  }

  /** Counts a received payload; false once the per-connection send limit is exceeded. */
  countReceived(now: number): boolean {
    this.receivedAt.push(now);
    while ((this.receivedAt[0] ?? now) <= now - CLIENT_SEND_WINDOW_MS) this.receivedAt.shift();
    return this.receivedAt.length <= CLIENT_SEND_LIMIT;
  }

  send(payload: GatewayPayload): void {
    const json = JSON.stringify(payload);
    if (this.deflate) {
      // zlib-stream: one shared deflate context per connection, every message ending in a
      // Z_SYNC_FLUSH (00 00 ff ff) so the client knows where a payload ends (docs: Transport Compression).
      const deflate = this.deflate;
      this.sendChain = this.sendChain.then(
        () =>
          new Promise<void>((resolve) => {
            deflate.write(json);
            deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
              const chunk: unknown = deflate.read();
              if (Buffer.isBuffer(chunk) && this.socket.readyState === WebSocket.OPEN) this.socket.send(chunk);
              resolve();
            });
          }),
      );
      return;
    }
    if (this.payloadCompression && payload.op === GatewayOp.Dispatch && json.length > 1024) {
      // Payload compression: some (large) payloads arrive as a complete zlib stream in a binary frame.
      this.socket.send(zlib.deflateSync(json));
      return;
    }
    this.socket.send(json);
  }

  close(code: number, reason: string): void {
    this.closing = true;
    this.deflate?.close();
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  terminate(): void {
    this.closing = true;
    this.deflate?.close();
    this.socket.terminate();
  }
}

export class GatewayServer {
  readonly log: GatewayLogEntry[] = [];
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<GatewayConnection>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly lastIdentifyByKey = new Map<number, number>();
  private nextConnectionId = 1;

  constructor(
    server: Server,
    private readonly hooks: GatewayHooks,
  ) {
    // The gateway shares the HTTP server's port: GET /gateway/bot answers ws://127.0.0.1:PORT.
    this.wss = new WebSocketServer({ server, perMessageDeflate: false });
    this.wss.on('connection', (socket, request) => this.onConnection(socket, request));
  }

  // ---- state for the test-driving API -------------------------------------------------

  /** Sessions that can still receive events (live, or disconnected but resumable). */
  activeSessions(): GatewaySession[] {
    const now = Date.now();
    return [...this.sessions.values()].filter((session) => this.isResumable(session, now));
  }

  /** Ready sessions with a live connection. */
  readySessions(): GatewaySession[] {
    return this.activeSessions().filter((session) => session.ready && session.connection?.isOpen === true);
  }

  hasSessionFor(guildId: string | null): boolean {
    return this.activeSessions().some((session) => this.routesTo(session, guildId));
  }

  // ---- dispatching ------------------------------------------------------------------

  /** Sends a dispatch to every session that the docs' routing rules say should get it. */
  dispatch(event: string, data: unknown, route: DispatchRoute): number {
    let delivered = 0;
    for (const session of this.activeSessions()) {
      if (!this.routesTo(session, route.guildId)) continue;
      if (route.intent !== undefined && (session.intents & route.intent) === 0) continue;
      const d = route.transform ? route.transform(session.intents) : data;
      this.sendDispatch(session, event, d);
      delivered += 1;
    }
    return delivered;
  }

  private routesTo(session: GatewaySession, guildId: string | null): boolean {
    // "Gateway events that do not contain a guild_id will only be sent to the first shard".
    if (guildId === null) return session.shardId === 0;
    return shardForGuild(guildId, session.shardCount) === session.shardId;
  }

  private sendDispatch(session: GatewaySession, event: string, d: unknown): void {
    session.seq += 1;
    const payload: GatewayPayload = { op: GatewayOp.Dispatch, d, s: session.seq, t: event };
    session.events.push(payload);
    if (session.events.length > REPLAY_BUFFER_SIZE) session.events.shift();
    const connection = session.connection;
    if (connection?.isOpen) this.send(connection, payload);
  }

  // ---- fault injection ----------------------------------------------------------------

  /** Closes live connections (of one shard, or all) with a close code, as Discord would. */
  closeConnections(code: number, shardId?: number, reason = 'Closed by the stand-in'): number {
    const targets = this.liveConnections(shardId);
    for (const connection of targets) {
      this.detach(connection, SESSION_ENDING_CLOSE_CODES.has(code));
      connection.close(code, reason);
    }
    this.hooks.onChange();
    return targets.length;
  }

  /** Drops the TCP connection without a close frame (the client sees 1006). */
  dropConnections(shardId?: number): number {
    const targets = this.liveConnections(shardId);
    for (const connection of targets) {
      this.detach(connection, false);
      connection.terminate();
    }
    this.hooks.onChange();
    return targets.length;
  }

  /** Op 7 Reconnect: the client should reconnect and resume. */
  requestReconnect(shardId?: number): number {
    const targets = this.liveConnections(shardId);
    for (const connection of targets) this.send(connection, { op: GatewayOp.Reconnect, d: null, s: null, t: null });
    return targets.length;
  }

  /**
   * Op 9 Invalid Session. With `resumable: false` the session is gone (RESUME will get
   * another op 9); with `true` the client may RESUME. Either way the connection stops
   * being authenticated, so the client's next IDENTIFY/RESUME on it is accepted.
   */
  invalidateSession(resumable: boolean, shardId?: number): number {
    const targets = this.liveConnections(shardId).filter((connection) => connection.session !== null);
    for (const connection of targets) {
      this.detach(connection, !resumable);
      this.send(connection, { op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
    this.hooks.onChange();
    return targets.length;
  }

  /** Op 1 from the server: asks the client for an immediate heartbeat. */
  requestHeartbeat(shardId?: number): number {
    const targets = this.liveConnections(shardId);
    for (const connection of targets) this.send(connection, { op: GatewayOp.Heartbeat, d: null, s: null, t: null });
    return targets.length;
  }

  /** Stops answering heartbeats on the connections open now (a "zombie" connection). */
  stopAcking(shardId?: number): number {
    const targets = this.liveConnections(shardId);
    for (const connection of targets) connection.acking = false;
    return targets.length;
  }

  resumeAcking(): void {
    for (const connection of this.connections) connection.acking = true;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private liveConnections(shardId: number | undefined): GatewayConnection[] {
    return [...this.connections].filter(
      (connection) => connection.isOpen && (shardId === undefined || connection.session?.shardId === shardId),
    );
  }

  private detach(connection: GatewayConnection, endSession: boolean): void {
    const session = connection.session;
    connection.session = null;
    if (!session) return;
    if (endSession) session.invalidated = true;
    if (session.connection === connection) {
      session.connection = null;
      session.ready = false;
      session.disconnectedAt = Date.now();
    }
  }

  private isResumable(session: GatewaySession, now: number): boolean {
    if (session.invalidated) return false;
    // "the session will remain active and timeout after a few minutes".
    return (
      session.connection !== null ||
      session.disconnectedAt === null ||
      now - session.disconnectedAt <= this.hooks.sessionTtlMs()
    );
  }

  // ---- protocol -----------------------------------------------------------------------

  private onConnection(socket: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    const compress = query.get('compress');
    const deflate = compress === 'zlib-stream' ? zlib.createDeflate({ chunkSize: 65_535 }) : null;
    const connection = new GatewayConnection(this.nextConnectionId++, socket, deflate);
    this.connections.add(connection);

    socket.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    socket.on('close', (code) => {
      connection.closing = true;
      this.connections.delete(connection);
      // docs: "When you close the connection to the gateway with close code 1000 or 1001,
      // your session will be invalidated"; any other code keeps it resumable.
      this.detach(connection, code === 1000 || code === 1001);
      this.hooks.onChange();
    });
    socket.on('error', () => undefined);

    const version = query.get('v');
    if (version !== null && version !== '10') {
      connection.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
      return;
    }
    const encoding = query.get('encoding');
    if (encoding !== null && encoding !== 'json') {
      // ETF is documented but not implemented by this stand-in (discord.js uses JSON).
      connection.close(GatewayClose.DecodeError, 'Only encoding=json is supported by the stand-in');
      return;
    }
    if (compress !== null && compress !== 'zlib-stream') {
      connection.close(GatewayClose.DecodeError, `compress=${compress} is not supported by the stand-in`);
      return;
    }
    this.send(connection, {
      op: GatewayOp.Hello,
      d: { heartbeat_interval: this.hooks.heartbeatIntervalMs() },
      s: null,
      t: null,
    });
  }

  private onMessage(connection: GatewayConnection, data: RawData, isBinary: boolean): void {
    if (!connection.isOpen) return;
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (buffer.length > MAX_CLIENT_PAYLOAD_BYTES) {
      connection.close(GatewayClose.DecodeError, 'Payload too large');
      return;
    }
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(isBinary ? buffer.toString('utf8') : buffer.toString()) as { op?: unknown; d?: unknown };
    } catch {
      connection.close(GatewayClose.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = typeof payload.op === 'number' ? payload.op : -1;
    // Heartbeats are not counted: at Discord's ~41 s interval they fit in the headroom that
    // discord.js keeps (it sends at most 115 other payloads a minute), but tests lower the
    // interval, and counting them would close healthy connections with 4008.
    if (op !== GatewayOp.Heartbeat && !connection.countReceived(Date.now())) {
      connection.close(GatewayClose.RateLimited, 'You are being rate limited.');
      return;
    }
    this.record('received', connection, { op, d: payload.d, s: null, t: null });

    if (op === GatewayOp.Heartbeat) {
      // docs example: `{"op": 11}`.
      if (connection.acking) this.send(connection, { op: GatewayOp.HeartbeatAck } as GatewayPayload);
      return;
    }
    if (op === GatewayOp.Identify) return this.onIdentify(connection, payload.d);
    if (op === GatewayOp.Resume) return this.onResume(connection, payload.d);
    const knownOps: number[] = [
      GatewayOp.PresenceUpdate,
      GatewayOp.VoiceStateUpdate,
      GatewayOp.RequestGuildMembers,
      GatewayOp.RequestSoundboardSounds,
    ];
    if (!knownOps.includes(op)) {
      connection.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
      return;
    }
    if (!connection.session) connection.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
    // Presence, voice and member requests are accepted and ignored.
  }

  private onIdentify(connection: GatewayConnection, d: unknown): void {
    if (connection.session) {
      connection.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const identify = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    if (identify.token !== this.hooks.token()) {
      connection.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = identify.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) {
      connection.close(GatewayClose.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.hooks.privilegedIntentsEnabled()) !== 0) {
      connection.close(GatewayClose.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const shard = Array.isArray(identify.shard) ? identify.shard : [0, 1];
    const [shardId, shardCount] = shard as [unknown, unknown];
    if (
      typeof shardId !== 'number' ||
      typeof shardCount !== 'number' ||
      !Number.isInteger(shardId) ||
      !Number.isInteger(shardCount) ||
      shardCount < 1 ||
      shardId < 0 ||
      shardId >= shardCount
    ) {
      connection.close(GatewayClose.InvalidShard, 'Invalid shard.');
      return;
    }
    const concurrency = this.hooks.identifyConcurrency();
    if (concurrency.enforce) {
      // "rate_limit_key = shard_id % max_concurrency"; too many identifies → op 9.
      const key = shardId % concurrency.maxConcurrency;
      const now = Date.now();
      const last = this.lastIdentifyByKey.get(key);
      // A little tolerance: the client times its 5 s from sending, we from receiving.
      if (last !== undefined && now - last < IDENTIFY_WINDOW_MS - 250) {
        this.send(connection, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
        return;
      }
      this.lastIdentifyByKey.set(key, now);
    }
    this.hooks.onIdentify();

    const session = new GatewaySession(randomBytes(16).toString('hex'), shardId, shardCount, intents);
    this.sessions.set(session.id, session);
    session.connection = connection;
    connection.session = session;
    connection.payloadCompression = identify.compress === true;

    const guildIds = this.hooks.guildIdsForShard(shardId, shardCount);
    const base = this.hooks.readyPayloadBase();
    // docs: Gateway Events → Ready.
    this.sendDispatch(session, 'READY', {
      v: 10,
      user: base.user,
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.hooks.resumeUrl(),
      shard: [shardId, shardCount],
      application: base.application,
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['["discord-stand-in",{"micros":0}]'],
    });
    // "guilds that the bot is a part of will start out as unavailable ... As guilds become
    // available to you, you will receive Guild Create events."
    for (const guildId of guildIds) this.sendDispatch(session, 'GUILD_CREATE', this.hooks.guildCreatePayload(guildId));
    session.ready = true;
    this.hooks.onChange();
  }

  private onResume(connection: GatewayConnection, d: unknown): void {
    if (connection.session) {
      connection.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const resume = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    if (resume.token !== this.hooks.token()) {
      connection.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = typeof resume.session_id === 'string' ? this.sessions.get(resume.session_id) : undefined;
    const seq = typeof resume.seq === 'number' ? resume.seq : null;
    const oldest = session?.events[0]?.s ?? null;
    if (!session || !this.isResumable(session, Date.now()) || seq === null || (oldest !== null && oldest > seq + 1)) {
      // "It's possible your app won't reconnect in time to Resume, in which case it will
      // receive an Invalid Session (opcode 9) event", d: false.
      if (session) session.invalidated = true;
      this.send(connection, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (seq > session.seq) {
      connection.close(GatewayClose.InvalidSeq, 'Invalid seq.');
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) {
      this.detach(previous, false);
      previous.terminate();
    }
    session.connection = connection;
    session.disconnectedAt = null;
    connection.session = session;
    // "the Gateway will send the missed events in order, finishing with a Resumed event".
    for (const payload of session.events) if (payload.s !== null && payload.s > seq) this.send(connection, payload);
    this.sendDispatch(session, 'RESUMED', null);
    session.ready = true;
    this.hooks.onChange();
  }

  private send(connection: GatewayConnection, payload: GatewayPayload): void {
    if (!connection.isOpen) return;
    this.record('sent', connection, payload);
    connection.send(payload);
  }

  private record(direction: 'sent' | 'received', connection: GatewayConnection, payload: GatewayPayload): void {
    this.log.push({
      at: Date.now(),
      direction,
      connectionId: connection.id,
      shardId: connection.session?.shardId ?? null,
      sessionId: connection.session?.id ?? null,
      op: payload.op,
      t: payload.t ?? null,
      s: payload.s ?? null,
      d: payload.d,
    });
    this.hooks.onChange();
  }
}
