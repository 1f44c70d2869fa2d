import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  PermissionFlagsBits,
} from 'discord.js';
import type { CommandInput, Invoker, OptionValue } from '../../commands/command.js';

/**
 * Who used a command: the server and channel, and whether they hold Manage Server there now. The interaction's
 * member permissions are the invoker's in that channel, after overrides: `default_member_permissions` only hides
 * a command, so commands that change a server check this again.
 */
export function invokerOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Invoker {
  return {
    kind: 'discord',
    userId: interaction.user.id,
    ...(interaction.guildId !== null ? { guildId: interaction.guildId } : {}),
    ...(interaction.channelId !== null ? { channelId: interaction.channelId } : {}),
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
    if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean')
      options[option.name] = option.value;
  }
  return { options, invoker: invokerOf(interaction), ...(sub !== undefined ? { subcommand: sub.name } : {}) };
}
