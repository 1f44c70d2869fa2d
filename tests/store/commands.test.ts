import { describe, expect, it } from 'vitest';
import type { CommandContext, CommandInput, Invoker } from '../../commands/command.js';
import { COMMANDS } from '../../commands/index.js';
import { settingsDefaultsOf } from '../../src/app/store-context.js';
import { loadConfig } from '../../src/config.js';
import { parseConsoleLine } from '../../src/console/parse-line.js';
import { renderTerminal } from '../../src/console/render.js';
import { KnowledgeBase } from '../../src/core/knowledge-base.js';
import type { Reply } from '../../src/core/reply.js';
import { STORE_MESSAGES } from '../../src/messages.js';
import { buildReport, readReportArgs } from '../../tools/report.js';
import { ENGINES, useEngine } from './engines.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000001';
const kb = await KnowledgeBase.load('knowledge');
const defaults = settingsDefaultsOf(loadConfig({}, process.cwd()));

function consoleRun(line: string, context: CommandContext): Promise<Reply> {
  const parsed = parseConsoleLine(line, COMMANDS);
  if (parsed.kind !== 'command') throw new Error(`not a command: ${JSON.stringify(parsed)}`);
  return Promise.resolve(parsed.command.execute(parsed.input, context));
}

function discordRun(name: string, input: CommandInput, context: CommandContext): Promise<Reply> {
  const command = COMMANDS.find((c) => c.data.name === name)!;
  return Promise.resolve(command.execute(input, context));
}

const member = (canManageServer: boolean): Invoker => ({
  kind: 'discord',
  userId: '300000000000000001',
  guildId: GUILD,
  channelId: CHANNEL,
  botInServer: true,
  canManageServer,
});
const inDm: Invoker = { kind: 'discord', userId: '300000000000000001', botInServer: false, canManageServer: true };

describe('the store commands, as registered', () => {
  it('/settings and /gaps are for Manage Server, in servers only; /privacy for everyone', () => {
    const data = (name: string) =>
      COMMANDS.find((c) => c.data.name === name)!.data as unknown as Record<string, unknown>;
    expect(data('settings')).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(data('gaps')).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(data('privacy').default_member_permissions).toBeUndefined();
  });

  it('/privacy says what is kept, for how long and how to turn it off, in three lines', async () => {
    const reply = await consoleRun('/privacy', { kb, commands: COMMANDS, retentionDays: 30 });
    expect(reply.kind === 'notice' && reply.text.split('\n')).toHaveLength(3);
    expect(reply.kind === 'notice' && reply.text).toContain('after 30 days');
  });
});

describe.each(ENGINES)('/settings and /gaps on %s', (engine) => {
  const fixture = useEngine(engine);
  const contextWith = async (): Promise<CommandContext> => ({
    kb,
    commands: COMMANDS,
    store: await fixture.open(await fixture.freshLocation()),
    settingsDefaults: defaults,
    retentionDays: 90,
  });

  it('changes a setting from the console for a named server, and shows it as that server’s choice', async () => {
    const context = await contextWith();
    const saved = await consoleRun(`/settings server:${GUILD} set reply-mode:thread cooldown:10 feedback:off`, context);
    expect(saved).toMatchObject({ kind: 'notice', text: STORE_MESSAGES.settingsSaved });
    const shown = await consoleRun(`/settings server:${GUILD}`, context);
    expect(shown.kind === 'notice' && shown.fields).toEqual([
      { name: 'Answer @mentions', value: 'on (default)' },
      { name: 'Reply mode for mentions', value: "thread (this server's choice)" },
      { name: 'Cooldown per user (s)', value: "10 (this server's choice)" },
      { name: 'Cooldown per channel (s)', value: '0 (default)' },
      { name: 'Answers private by default', value: 'off (default)' },
      { name: '👍/👎 buttons', value: "off (this server's choice)" },
      { name: 'Question log (for /gaps)', value: 'on (default)' },
    ]);
  });

  it('refuses a member without Manage Server, checked when it runs, and a DM', async () => {
    const context = await contextWith();
    const set: CommandInput = { options: { mentions: false }, subcommand: 'set', invoker: member(false) };
    expect(await discordRun('settings', set, context)).toMatchObject({ text: STORE_MESSAGES.needsManageServer });
    const read = await context.store!.getGuildSettings(GUILD);
    expect(read.ok && read.value.server).toEqual({});
    expect(await discordRun('gaps', { options: {}, invoker: inDm }, context)).toMatchObject({
      text: STORE_MESSAGES.needsServer,
    });
    // A face that does not say who is asking gets a refusal, never another server's data.
    expect(await discordRun('gaps', { options: {} }, context)).toMatchObject({ kind: 'notice', tone: 'warning' });
  });

  it('lets a manager choose the channels where mentions are answered', async () => {
    const context = await contextWith();
    const input: CommandInput = {
      options: { channel: CHANNEL, mentions: true },
      subcommand: 'channel',
      invoker: member(true),
    };
    expect(await discordRun('settings', input, context)).toMatchObject({
      text: STORE_MESSAGES.channelSaved(`<#${CHANNEL}>`, true),
    });
    const read = await context.store!.getGuildSettings(GUILD);
    expect(read.ok && read.value.channelMentions).toEqual({ [CHANNEL]: true });
  });

  it('/gaps lists an unanswered question with its count, and the report prints the documented JSON', async () => {
    const context = await contextWith();
    const store = context.store!;
    for (const question of ['Who won the 1998 World Cup?', 'who won the 1998 world cup']) {
      await store.recordQuestion({
        guildId: GUILD,
        userId: '300000000000000001',
        source: 'slash',
        command: 'ask',
        question,
        outcome: 'no-match',
        passages: [],
        elapsedMs: 3,
      });
    }
    const shown = renderTerminal(await consoleRun(`/gaps server:${GUILD} days:30`, context));
    expect(shown).toContain('asked 2×');
    expect(shown).toContain('who won the 1998 world cup — no passage came near');
    const request = readReportArgs(['--server', GUILD, '--days', '7', '--json']);
    expect(request).toEqual({ server: GUILD, days: 7, json: true });
    const json = JSON.parse((await buildReport(store, request as Exclude<typeof request, 'help'>))!) as unknown;
    expect(json).toEqual({
      server: GUILD,
      days: 7,
      gaps: [{ question: 'who won the 1998 world cup', count: 2, outcome: 'no-match', nearest: null }],
      downvoted: [],
      votes: { up: 0, down: 0 },
      questions: 2,
    });
  });
});

describe('npm run report arguments', () => {
  it.each([
    [[], { days: 7, json: false }],
    [['--days', '30'], { days: 30, json: false }],
    [['--json'], { days: 7, json: true }],
  ])('%j reads as %j', (argv, expected) => {
    expect(readReportArgs(argv)).toEqual(expected);
  });

  it.each([[['--server', 'abc']], [['--days', '0']], [['--days', 'x']], [['--bogus']]])(
    '%j is a usage error',
    (argv) => {
      expect(() => readReportArgs(argv)).toThrow(/Usage: npm run report/);
    },
  );
});
