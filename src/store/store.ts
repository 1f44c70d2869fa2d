/**
 * The store's port: what the faces and commands use. Search never waits on it. Writes go through a bounded queue
 * and resolve once written (an outage delays them; nothing is lost within the bound); reads answer `unavailable`
 * rather than throw when the store cannot be reached.
 */

export type Engine = 'sqlite' | 'postgres';

export type ReplyMode = 'inline' | 'thread';

/** A server's own choices; an absent key means "the environment's default". */
export interface ServerSettings {
  readonly mentions?: boolean;
  readonly replyMode?: ReplyMode;
  readonly cooldownSeconds?: number;
  readonly channelCooldownSeconds?: number;
  readonly privateDefault?: boolean;
  readonly feedback?: boolean;
  readonly logging?: boolean;
}

/** A change to a server's settings: a value sets it, `null` returns it to the default, absent leaves it. */
export type SettingsPatch = { readonly [K in keyof ServerSettings]?: NonNullable<ServerSettings[K]> | null };

export interface GuildSettings {
  readonly server: ServerSettings;
  /** Per-channel mention choices, by channel id. */
  readonly channelMentions: Readonly<Record<string, boolean>>;
}

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: 'unavailable' };

/** `dropped`: the queue was full during an outage; `failed`: the store refused the write (logged). */
export type WriteOutcome = 'written' | 'dropped' | 'failed';

export type VoteValue = 'up' | 'down';
export type DownvoteReason = 'wrong-passage' | 'not-in-library' | 'other';

export interface VoteInput {
  /** The answer voted on: its button-state key or message id. */
  readonly answerKey: string;
  readonly userId: string;
  readonly guildId?: string;
  /** The answer's top passage. */
  readonly passageId?: string;
  readonly value: VoteValue;
  readonly reasonKind?: DownvoteReason;
  readonly reasonText?: string;
  /** The interaction's id (a snowflake): a retried or older interaction never overrides a newer press. */
  readonly interactionId: string;
}

export type QuestionSource = 'slash' | 'mention' | 'find-sources';
export type QuestionOutcome = 'answer' | 'weak' | 'no-match';

export interface LoggedPassage {
  readonly passageId: string;
  readonly article: string;
  readonly paragraph: number;
  readonly confidence: string;
}

export interface QuestionInput {
  readonly guildId?: string;
  readonly channelId?: string;
  readonly userId: string;
  readonly source: QuestionSource;
  readonly command: string;
  readonly question: string;
  readonly outcome: QuestionOutcome;
  /** Best first. */
  readonly passages: readonly LoggedPassage[];
  readonly elapsedMs: number;
}

export interface LibraryActionInput {
  readonly guildId?: string;
  readonly userId: string;
  /** `add`, `remove`, `refresh`… */
  readonly action: string;
  /** What it was about: a URL, a file name, an article slug. */
  readonly detail: string;
}

export interface LibraryAction {
  readonly actorHash: string;
  readonly action: string;
  readonly detail: string;
  readonly at: number;
}

/** The shape `npm run report -- --json` prints. */
export interface GapsReport {
  readonly server: string | null;
  readonly days: number;
  readonly gaps: readonly {
    readonly question: string;
    readonly count: number;
    readonly outcome: QuestionOutcome;
    readonly nearest: { readonly passageId: string; readonly article: string; readonly paragraph: number } | null;
  }[];
  readonly downvoted: readonly {
    readonly passageId: string;
    readonly article: string;
    readonly paragraph: number;
    readonly down: number;
    readonly up: number;
    readonly reasons: readonly string[];
  }[];
  readonly votes: { readonly up: number; readonly down: number };
  readonly questions: number;
}

export interface PurgeCounts {
  readonly questions: number;
  readonly votes: number;
  readonly libraryActions: number;
  readonly buttonStates: number;
}

/** The port the Discord face defines for button state (src/discord/button-state.ts); the store implements it. */
export interface ButtonStateStore {
  put(json: string, ttlMs: number): Promise<string>;
  get(key: string): Promise<string | undefined>;
}

/** Thrown by `ButtonStateStore.get` when the store cannot be read: the bot says "try again in a moment". */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

export interface Store extends ButtonStateStore {
  readonly engine: Engine;
  /** As the port's `put`; with a server, the state is deleted with that server's data. */
  put(json: string, ttlMs: number, guildId?: string): Promise<string>;
  /** The keyed hash (HMAC-SHA-256) under which a user id is stored; the raw id never is. */
  hashUser(userId: string): string;

  getGuildSettings(guildId: string): Promise<Read<GuildSettings>>;
  updateServerSettings(guildId: string, patch: SettingsPatch): Promise<WriteOutcome>;
  /** `null` removes the channel's own choice. */
  setChannelMentions(guildId: string, channelId: string, mentions: boolean | null): Promise<WriteOutcome>;

  recordVote(vote: VoteInput): Promise<WriteOutcome>;
  recordQuestion(question: QuestionInput): Promise<WriteOutcome>;
  recordLibraryAction(action: LibraryActionInput): Promise<WriteOutcome>;
  listLibraryActions(guildId: string | undefined, limit: number): Promise<Read<LibraryAction[]>>;

  /** What a server (or, without one, every server) asked that the library did not answer well, and the 👎. */
  gapsReport(guildId: string | undefined, days: number): Promise<Read<GapsReport>>;

  /** Everything of one server: settings, channel settings, votes, question log, library actions. */
  deleteServer(guildId: string): Promise<WriteOutcome>;
  /** Rows older than the retention, and button states past their expiry. */
  purgeExpired(): Promise<Read<PurgeCounts>>;

  /** Resolves when every queued write has been written (or dropped). */
  flush(): Promise<void>;
  /** Writes what is queued (waiting at most `graceMs` for an outage to end), then closes the connection. */
  close(graceMs?: number): Promise<void>;
}
