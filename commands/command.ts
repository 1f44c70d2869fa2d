import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import type { Reply } from '../src/core/reply.js';
import type { Article } from '../src/core/types.js';
import type { SettingsDefaults, Store } from '../src/store/index.js';

/** What every command gets: dependencies are passed in, never imported as singletons. */
export interface CommandContext {
  readonly kb: KnowledgeBase;
  /** Every command, for /help. */
  readonly commands: readonly Command[];
  /** Settings, votes, the question log; absent where Footnote runs without one. */
  readonly store?: Store;
  /** The environment's values, which a server's /settings overrides. */
  readonly settingsDefaults?: SettingsDefaults;
  /** Days the question log is kept (LOG_RETENTION_DAYS), for /privacy. */
  readonly retentionDays?: number;
  /** Changing the library from a command (/library); absent where the library cannot be changed. */
  readonly libraryControl?: LibraryControl;
}

/** What /library may do to the library on disk, and how it makes a change served at once. */
export interface LibraryControl {
  readonly knowledgeDir: string;
  /** INGEST_ALLOW_PRIVATE. */
  readonly allowPrivate: boolean;
  /** LIBRARY_OWNER_IDS: who may change the shared library from Discord. */
  readonly ownerIds: readonly string[];
  /** LIBRARY_ADDS_PER_HOUR, per server. */
  readonly addsPerHour: number;
  /** The articles of a server's shelf as served now; with no server, the shared library's. */
  shelfArticles(guildId: string | undefined): readonly Article[];
  /** Reads a server's shelf again (after a change written by the command), so the next question sees it. */
  refreshShelf(guildId: string): Promise<void>;
  refreshShared(): Promise<void>;
}

/** Who runs a command: the host's console (trusted, names a server with `server:`), or a Discord user. */
export type Invoker =
  | { readonly kind: 'console' }
  | {
      readonly kind: 'discord';
      readonly userId: string;
      readonly guildId?: string;
      readonly channelId?: string;
      /**
       * Whether the bot itself was invited to `guildId` (a server install), rather than used there through a
       * member's user install; false in a DM. Only an invited bot may post in channels or read the server's shelf.
       */
      readonly botInServer: boolean;
      /** Manage Server in this channel, read from the interaction's member permissions when it runs. */
      readonly canManageServer: boolean;
    };

export type OptionValue = string | number | boolean;

/** A command's input, whoever typed it: Discord options, or `name:value` words in the console. */
export interface CommandInput {
  readonly options: Readonly<Record<string, OptionValue | undefined>>;
  /** The message a context-menu command was used on. */
  readonly target?: { readonly content: string; readonly label: string; readonly url?: string };
  /** Absent: the face does not say, and commands that need to know (/settings, /gaps) refuse. */
  readonly invoker?: Invoker;
  /** The subcommand chosen (`/settings set`), where the command has subcommands. */
  readonly subcommand?: string;
  /** Words of the earlier question a follow-up leans on (a reply to an answer), searched at lower weight. */
  readonly context?: string;
}

export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** One module per command: the definition Discord registers, and the handler beside it. */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;
  /** How the console calls it: `/ask`, `/find-sources`. */
  readonly consoleName: string;
  /** One line for /help. */
  readonly summary: string;
  /** Console usage, e.g. `/timeline [from:2020] [to:2022] [about:Xi]`. */
  readonly usage: string;
  /** Options only the console has (`server:<id>` of /settings), read as strings. */
  readonly consoleOptions?: readonly string[];
  /** In the console, the words that are not `name:value` go to this option (the question of /ask). */
  readonly restOption?: string;
  /** Answered only to the person who asked (in Discord: an ephemeral reply), unless a `private` option says otherwise. */
  readonly ephemeral?: boolean;
  execute(input: CommandInput, context: CommandContext): Reply | Promise<Reply>;
  autocomplete?(
    focused: { readonly name: string; readonly value: string },
    input: CommandInput,
    context: CommandContext,
  ): readonly Choice[];
}

/** Reads a string option, trimmed; empty counts as absent. */
export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}
