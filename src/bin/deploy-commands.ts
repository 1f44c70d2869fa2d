import { REST, Routes } from 'discord.js';
import { COMMANDS, validateCommands } from '../../commands/index.js';
import { registrationOf } from '../../commands/localize.js';
import { ConfigError, loadConfig, loadDotenv } from '../config.js';
import { readFlags, runMain } from './cli-shared.js';

const USAGE = 'Usage: npm run deploy-commands';

/**
 * Registers the command registry with Discord: to DISCORD_GUILD_ID at once when it is set, otherwise globally
 * (global commands can take a while to appear). Bulk overwrite, so a removed command disappears too.
 */
async function main(): Promise<number> {
  if (readFlags(process.argv.slice(2), {}, USAGE) === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv();
  const config = loadConfig();
  if (!config.discord)
    throw new ConfigError([
      'DISCORD_TOKEN is missing: deploy-commands needs the bot token (see README, "Run it in Discord")',
    ]);
  const errors = validateCommands(COMMANDS);
  if (errors.length > 0) throw new Error(`The command registry is malformed:\n  - ${errors.join('\n  - ')}`);
  const { token, clientId, guildId, apiBase } = config.discord;
  const rest = new REST(apiBase !== undefined ? { api: apiBase } : {}).setToken(token);
  const route =
    guildId !== undefined ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, { body: COMMANDS.map(registrationOf) })) as { name: string }[];
  process.stdout.write(
    `Registered ${registered.length} commands ${guildId !== undefined ? `to server ${guildId}` : 'globally'}: ${registered.map((c) => c.name).join(', ')}\n`,
  );
  if (guildId !== undefined)
    process.stdout.write(
      'Note: with DISCORD_GUILD_ID set these are commands of that server only. Discord honours installation types and\n' +
        'contexts only on global commands, and server commands never reach DMs or user installs: unset DISCORD_GUILD_ID\n' +
        'and deploy again to use Footnote in DMs and as a user-installed app.\n',
    );
  return 0;
}

runMain(main, { failure: 'deploy-commands failed' });
