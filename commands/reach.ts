import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';

/**
 * Where a command can be used (Discord honours these on global commands only). The reading commands go wherever a
 * person takes Footnote: a server that invited it, a server where a member installed it to their account, a DM with
 * the bot, a group DM. They answer there through the interaction alone, from the shared library.
 */
export const ANYWHERE = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};

/** The commands that change or read a server's own data (/settings, /gaps, /library): in a server that invited it. */
export const SERVER_ONLY = {
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
};
