import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordStandIn, slashCommand } from '../stand-in/discord-stand-in.js';
import { type InProcessBot, registerCommands, startBotInProcess, startStandIn } from './harness.js';

let standIn: DiscordStandIn;
let running: InProcessBot | undefined;

beforeAll(async () => {
  standIn = await startStandIn();
  await registerCommands(standIn);
  running = await startBotInProcess(standIn);
}, 60_000);

afterAll(async () => {
  await running?.bot.stop();
  await standIn?.stop();
});

/** Requests the bot made to post in a channel itself, rather than through the interaction. */
const channelPosts = (): number =>
  standIn.requests.filter((r) => r.method === 'POST' && /\/channels\/\d+\/(messages|threads)/.test(r.path)).length;

describe('Footnote where it was not invited: DMs and user installs', () => {
  it.each([
    ['a DM with the bot', { guildId: null }],
    ['a server that did not invite it (a member’s user install)', { userInstall: true }],
  ])('answers /ask in %s through the interaction alone, posting nothing in a channel', async (_where, context) => {
    const before = channelPosts();
    const handle = standIn.sendInteraction(
      slashCommand('ask', { question: 'how much has China invested in Belarus?' }, context),
    );
    const callback = (await handle.waitForCallback(5_000)) as { body: { type: number; data?: { embeds?: unknown[] } } };
    const shown = callback.body.data ?? (await handle.waitForOriginalEdit(10_000)).body;
    expect(JSON.stringify(shown)).toContain('Belarus');
    expect(channelPosts()).toBe(before);
  });
});
