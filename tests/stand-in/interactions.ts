/**
 * Builders for the interactions a user can trigger. They are pure: each returns an
 * `InteractionInit` (type + partial `data` + who/where), and `DiscordStandIn.sendInteraction`
 * completes it into a full INTERACTION_CREATE payload (docs: Interactions → Receiving and
 * Responding → Interaction Object), filling ids, token, member, channel, permissions and
 * the registered command's id and option types.
 */
import type { APIMessage } from 'discord-api-types/v10';
import type { UserInit } from './state.js';

export const InteractionTypes = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

export const CommandTypes = { ChatInput: 1, User: 2, Message: 3 } as const;

/** docs: Application Command Option Type. */
export const OptionTypes = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

export const ComponentTypes = { ActionRow: 1, Button: 2, StringSelect: 3, TextInput: 4, Label: 18 } as const;

export type OptionValue = string | number | boolean;

/** A raw interaction data option (docs: Application Command Interaction Data Option Structure). */
export interface DataOption {
  name: string;
  type: number;
  value?: OptionValue;
  options?: DataOption[];
  focused?: boolean;
}

export interface InteractionContext {
  /** The invoking user; default: the stand-in's default user. */
  user?: UserInit;
  /** Guild id; `null` for a DM with the bot; default: the first guild. */
  guildId?: string | null;
  /** Channel id; default: the message's channel, else the guild's first text channel. */
  channelId?: string;
  locale?: string;
  /** The invoking member's permissions (default: @everyone's). */
  memberPermissions?: bigint;
  /** Overrides `app_permissions` (default: what the bot has in the channel). */
  appPermissions?: bigint;
  /**
   * Used through the invoking user's own install of the app (a server that did not invite the bot, or a DM): the
   * authorizing integration owners name the user ("1"), not the server.
   */
  userInstall?: boolean;
}

export interface InteractionInit extends InteractionContext {
  type: number;
  data: Record<string, unknown>;
  /** For components: the message the component is on (a message object or the id of a stored one). */
  message?: APIMessage | string;
  /** For message context menus: the target message (object or id of a stored one). */
  targetMessage?: APIMessage | string;
  /**
   * Discord created the interaction this long before delivering it (a backlog, a slow gateway): its id carries
   * that moment, and the 3-second deadline counts from it, as Discord's does.
   */
  createdMsAgo?: number;
}

export type OptionsInit = Record<string, OptionValue> | DataOption[];

/** Infers an option type from a JS value; `sendInteraction` corrects it from the registered command. */
export function inferOptionType(value: OptionValue): number {
  if (typeof value === 'boolean') return OptionTypes.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionTypes.Integer : OptionTypes.Number;
  return OptionTypes.String;
}

export function toDataOptions(options: OptionsInit | undefined): DataOption[] {
  if (options === undefined) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => ({ name, type: inferOptionType(value), value }));
}

/** Nests options under "group sub" parts of a name like `config set` or `admin config set`. */
function nestSubcommands(path: string[], options: DataOption[]): DataOption[] {
  const [group, sub] = path;
  if (group === undefined) return options;
  if (sub === undefined) return [{ name: group, type: OptionTypes.Subcommand, options }];
  return [
    { name: group, type: OptionTypes.SubcommandGroup, options: [{ name: sub, type: OptionTypes.Subcommand, options }] },
  ];
}

/**
 * A CHAT_INPUT command. `name` may include a subcommand (and group): `"config set"`.
 * Options are `{ name: value }` or raw data options.
 */
export function slashCommand(name: string, options?: OptionsInit, context: InteractionContext = {}): InteractionInit {
  const [command = name, ...subcommandPath] = name.trim().split(/\s+/);
  return {
    ...context,
    type: InteractionTypes.ApplicationCommand,
    data: {
      name: command,
      type: CommandTypes.ChatInput,
      options: nestSubcommands(subcommandPath, toDataOptions(options)),
    },
  };
}

/**
 * An APPLICATION_COMMAND_AUTOCOMPLETE interaction: the user is typing into `focused`.
 * As in real autocomplete payloads the focused value is the raw text typed so far
 * (a string, whatever the option's type), and may be partial or invalid.
 */
export function autocomplete(
  name: string,
  options: OptionsInit,
  focused: string,
  context: InteractionContext = {},
): InteractionInit {
  const [command = name, ...subcommandPath] = name.trim().split(/\s+/);
  const list = toDataOptions(options).map((option): DataOption =>
    option.name === focused
      ? { ...option, type: OptionTypes.String, value: String(option.value ?? ''), focused: true }
      : option,
  );
  if (!list.some((option) => option.focused))
    list.push({ name: focused, type: OptionTypes.String, value: '', focused: true });
  return {
    ...context,
    type: InteractionTypes.ApplicationCommandAutocomplete,
    data: { name: command, type: CommandTypes.ChatInput, options: nestSubcommands(subcommandPath, list) },
  };
}

/** A button press (MESSAGE_COMPONENT, component_type 2) on a message. */
export function button(
  customId: string,
  message: APIMessage | string,
  context: InteractionContext = {},
): InteractionInit {
  return {
    ...context,
    type: InteractionTypes.MessageComponent,
    data: { custom_id: customId, component_type: ComponentTypes.Button },
    message,
  };
}

/** A string-select choice (MESSAGE_COMPONENT, component_type 3). */
export function stringSelect(
  customId: string,
  values: string[],
  message: APIMessage | string,
  context: InteractionContext = {},
): InteractionInit {
  return {
    ...context,
    type: InteractionTypes.MessageComponent,
    data: { custom_id: customId, component_type: ComponentTypes.StringSelect, values },
    message,
  };
}

/** A MESSAGE context-menu command (data.type 3, target_id, resolved.messages). */
export function messageContextMenu(
  name: string,
  targetMessage: APIMessage | string,
  context: InteractionContext = {},
): InteractionInit {
  return {
    ...context,
    type: InteractionTypes.ApplicationCommand,
    data: { name, type: CommandTypes.Message },
    targetMessage,
  };
}

/**
 * A modal submission, values keyed by custom_id. A string is a text input's value, sent in an Action Row as the
 * older modals had it; a list is a string select's chosen values, sent in a Label (type 18) as Discord sends a
 * select inside a modal (docs: Component reference → Label; Interactions → Modal Submit Data).
 */
export function modalSubmit(
  customId: string,
  fields: Record<string, string | readonly string[]>,
  context: InteractionContext & { readonly message?: APIMessage | string } = {},
): InteractionInit {
  return modalSubmission(customId, fields, context, false);
}

/**
 * A modal submission whose every field is in a Label, as Discord sends it for a modal built of Labels: a string is
 * a text input's value, a list a string select's values.
 */
export function labelledModalSubmit(
  customId: string,
  fields: Record<string, string | readonly string[]>,
  context: InteractionContext & { readonly message?: APIMessage | string } = {},
): InteractionInit {
  return modalSubmission(customId, fields, context, true);
}

/** Both shapes of a submission: a text input in an Action Row (older modals) or in a Label; a select always in a Label. */
function modalSubmission(
  customId: string,
  fields: Record<string, string | readonly string[]>,
  context: InteractionContext & { readonly message?: APIMessage | string },
  textInLabel: boolean,
): InteractionInit {
  let id = 1;
  const input = (fieldId: string, value: string | readonly string[]) =>
    typeof value === 'string'
      ? { type: ComponentTypes.TextInput, id: id++, custom_id: fieldId, value }
      : { type: ComponentTypes.StringSelect, id: id++, custom_id: fieldId, values: [...value] };
  return {
    ...context,
    type: InteractionTypes.ModalSubmit,
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([fieldId, value]) =>
        typeof value === 'string' && !textInLabel
          ? { type: ComponentTypes.ActionRow, id: id++, components: [input(fieldId, value)] }
          : { type: ComponentTypes.Label, id: id++, component: input(fieldId, value) },
      ),
    },
  };
}
