import {
  ApplicationCommandOptionType,
  type AuthorizingIntegrationOwners,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type CommandInteraction,
  type CommandInteractionOption,
  PermissionFlagsBits,
} from 'discord.js';
import type { CommandInput, Invoker, OptionValue } from '../../commands/command.js';

/**
 * Whether the interaction's server installed the bot: Discord names the server among the authorizing integration
 * owners only then. An interaction with no owners at all (older payloads) is taken to come from an invited bot.
 */
export function botInServer(interaction: BaseInteraction): boolean {
  if (interaction.guildId === null) return false;
  const owners = interaction.authorizingIntegrationOwners as AuthorizingIntegrationOwners | null | undefined;
  if (owners === null || owners === undefined || (owners.guildId === null && owners.userId === null)) return true;
  return owners.guildId === interaction.guildId;
}

/**
 * Who used a command: the server and channel, and whether they hold Manage Server there now. The interaction's
 * member permissions are the invoker's in that channel, after overrides: `default_member_permissions` only hides
 * a command, so commands that change a server check this again.
 */
export function invokerOf(interaction: CommandInteraction | AutocompleteInteraction): Invoker {
  return {
    kind: 'discord',
    userId: interaction.user.id,
    ...(interaction.guildId !== null ? { guildId: interaction.guildId } : {}),
    ...(interaction.channelId !== null ? { channelId: interaction.channelId } : {}),
    botInServer: botInServer(interaction),
    canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** A chat command's options, with a subcommand's own options read as the command's (`/settings set mentions:…`). */
export function chatInputOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandInput {
  let data: readonly CommandInteractionOption[] = interaction.options.data;
  const sub = data.find((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (sub !== undefined) data = sub.options ?? [];
  const options: Record<string, OptionValue | undefined> = {};
  for (const option of data) {
    // An attachment's value is an id; what /library needs is where Discord serves the file, and its name.
    if (option.type === ApplicationCommandOptionType.Attachment && option.attachment) {
      options[option.name] = option.attachment.url;
      options[`${option.name}-name`] = option.attachment.name;
      continue;
    }
    if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean')
      options[option.name] = option.value;
  }
  return { options, invoker: invokerOf(interaction), ...(sub !== undefined ? { subcommand: sub.name } : {}) };
}
