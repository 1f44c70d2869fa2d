import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. One schema for both engines: booleans are integers (0/1) and times are
 * milliseconds since the epoch in a 64-bit integer, so SQLite and PostgreSQL return the same values.
 */
export interface Database {
  store_meta: StoreMetaTable;
  server_settings: ServerSettingsTable;
  channel_settings: ChannelSettingsTable;
  votes: VotesTable;
  question_log: QuestionLogTable;
  button_state: ButtonStateTable;
  library_actions: LibraryActionsTable;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

/** A null column means "the environment's default". */
export interface ServerSettingsTable {
  guild_id: string;
  mentions: number | null;
  reply_mode: string | null;
  cooldown_seconds: number | null;
  channel_cooldown_seconds: number | null;
  private_default: number | null;
  feedback: number | null;
  logging: number | null;
  updated_at: number;
}

export interface ChannelSettingsTable {
  guild_id: string;
  channel_id: string;
  mentions: number;
  updated_at: number;
}

/** One row per person per answer; `interaction_id` orders presses, so a retried older one never wins. */
export interface VotesTable {
  answer_key: string;
  voter_hash: string;
  guild_id: string | null;
  passage_id: string | null;
  value: number;
  reason_kind: string | null;
  reason_text: string | null;
  interaction_id: string;
  created_at: number;
  updated_at: number;
}

export interface QuestionLogTable {
  id: Generated<number>;
  guild_id: string | null;
  channel_id: string | null;
  user_hash: string;
  source: string;
  command: string;
  question: string;
  normalized: string;
  outcome: string;
  /** JSON: `[{ passageId, article, paragraph, confidence }]`, best first. */
  passages: string;
  elapsed_ms: number;
  created_at: number;
}

export interface ButtonStateTable {
  key: string;
  guild_id: string | null;
  json: string;
  expires_at: number;
}

export interface LibraryActionsTable {
  id: Generated<number>;
  guild_id: string | null;
  actor_hash: string;
  action: string;
  detail: string;
  created_at: number;
}
