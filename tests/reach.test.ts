import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';

const GUILD_INSTALL = 0;
const USER_INSTALL = 1;
const GUILD = 0;
const BOT_DM = 1;
const GROUP_DM = 2;

const registered = (name: string) => {
  const command = COMMANDS.find((c) => c.data.name === name);
  if (command === undefined) throw new Error(`no command ${name}`);
  return command.data as { integration_types?: number[]; contexts?: number[] };
};

describe('where each command can be used, as registered', () => {
  it.each(['ask', 'timeline', 'investment', 'sources', 'help', 'privacy', 'Find sources'])(
    '%s: server and user installs, in servers, DMs with the bot and group DMs',
    (name) => {
      expect(registered(name)).toMatchObject({
        integration_types: [GUILD_INSTALL, USER_INSTALL],
        contexts: [GUILD, BOT_DM, GROUP_DM],
      });
    },
  );

  it.each(['settings', 'gaps', 'library'])('%s: a server that invited the bot, only', (name) => {
    expect(registered(name)).toMatchObject({ integration_types: [GUILD_INSTALL], contexts: [GUILD] });
  });

  it('leaves no command without a choice of installation types and contexts', () => {
    for (const command of COMMANDS) {
      expect(registered(command.data.name).integration_types?.length, command.data.name).toBeGreaterThan(0);
      expect(registered(command.data.name).contexts?.length, command.data.name).toBeGreaterThan(0);
    }
  });
});
