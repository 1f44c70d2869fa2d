import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SETTINGS_CACHE_MS } from '../../src/store/kysely-store.js';
import { appliedMigrations, migrationNames } from '../../src/store/migrations.js';
import { effectiveSettings, type SettingsDefaults } from '../../src/store/settings.js';
import type { QuestionInput } from '../../src/store/store.js';
import { type CapturedLog, captureLog, ENGINES, rawDb, useEngine } from './engines.js';

const execFileAsync = promisify(execFile);
const CHILD = fileURLToPath(new URL('./open-store-child.ts', import.meta.url));

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const CHANNEL = '200000000000000001';
const USER = '300000000000000001';
const DAY = 86_400_000;

const DEFAULTS: SettingsDefaults = {
  mentions: true,
  replyMode: 'inline',
  cooldownSeconds: 3,
  channelCooldownSeconds: 0,
  privateDefault: false,
  feedback: true,
  logging: true,
};

function question(text: string, overrides: Partial<QuestionInput> = {}): QuestionInput {
  return {
    guildId: GUILD,
    channelId: CHANNEL,
    userId: USER,
    source: 'slash',
    command: 'ask',
    question: text,
    outcome: 'no-match',
    passages: [{ passageId: 'belarus-china#4', article: 'belarus-china', paragraph: 4, confidence: 'weak match' }],
    elapsedMs: 4.4,
    ...overrides,
  };
}

describe.each(ENGINES)('the store on %s', (engine) => {
  const fixture = useEngine(engine);

  it('applies every migration once at the first start and none at the next', async () => {
    const location = await fixture.freshLocation();
    const firstLog = captureLog();
    const first = await fixture.open(location, { logger: firstLog.logger });
    await first.close();
    const secondLog = captureLog();
    const second = await fixture.open(location, { logger: secondLog.logger });
    const applied = (log: CapturedLog) => log.lines().filter((l) => l.msg === 'store migrations applied');
    expect(applied(firstLog)).toHaveLength(1);
    expect(applied(secondLog)).toHaveLength(0);
    expect(await appliedMigrations(rawDb(second) as never)).toEqual(migrationNames(engine));
  });

  it('lets three processes start on one new database at once without applying a migration twice', async () => {
    const location = await fixture.freshLocation();
    const startAt = Date.now() + 2_500;
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        execFileAsync(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(location), String(startAt)]),
      ),
    );
    const appliedBy = runs.flatMap(({ stdout }) =>
      stdout
        .split('\n')
        .filter((line) => line.includes('store migrations applied'))
        .flatMap((line) => (JSON.parse(line) as { applied: string[] }).applied),
    );
    expect(appliedBy).toEqual(migrationNames(engine));
    const store = await fixture.open(location);
    expect(await appliedMigrations(rawDb(store) as never)).toEqual(migrationNames(engine));
  }, 30_000);

  it('keeps a server setting, returns it to the default on null, and leaves other servers alone', async () => {
    const store = await fixture.open(await fixture.freshLocation());
    expect(await store.getGuildSettings(GUILD)).toEqual({ ok: true, value: { server: {}, channelMentions: {} } });
    expect(await store.updateServerSettings(GUILD, { replyMode: 'thread', cooldownSeconds: 10, feedback: false })).toBe(
      'written',
    );
    expect(await store.updateServerSettings(GUILD, { cooldownSeconds: null, logging: false })).toBe('written');
    const read = await store.getGuildSettings(GUILD);
    expect(read).toEqual({
      ok: true,
      value: { server: { replyMode: 'thread', feedback: false, logging: false }, channelMentions: {} },
    });
    expect((await store.getGuildSettings(OTHER_GUILD)).ok && (await store.getGuildSettings(OTHER_GUILD))).toEqual({
      ok: true,
      value: { server: {}, channelMentions: {} },
    });
  });

  it('answers mentions in the channels a server chose, over its server-wide choice and the environment', async () => {
    const store = await fixture.open(await fixture.freshLocation());
    await store.updateServerSettings(GUILD, { mentions: false });
    await store.setChannelMentions(GUILD, CHANNEL, true);
    const read = await store.getGuildSettings(GUILD);
    if (!read.ok) throw new Error('unavailable');
    expect(effectiveSettings(DEFAULTS, read.value, CHANNEL).mentions).toBe(true);
    expect(effectiveSettings(DEFAULTS, read.value, '200000000000000009').mentions).toBe(false);
    expect(effectiveSettings(DEFAULTS, undefined, CHANNEL)).toEqual(DEFAULTS);
    await store.setChannelMentions(GUILD, CHANNEL, null);
    const after = await store.getGuildSettings(GUILD);
    expect(after.ok && after.value.channelMentions).toEqual({});
  });

  it("sees another process's settings change within the cache time, and its own at once", async () => {
    let now = 1_000_000;
    const location = await fixture.freshLocation();
    const hostA = await fixture.open(location, { now: () => now });
    const hostB = await fixture.open(location, { now: () => now });
    await hostA.getGuildSettings(GUILD);
    await hostB.updateServerSettings(GUILD, { replyMode: 'thread' });
    expect(await hostB.getGuildSettings(GUILD)).toMatchObject({ value: { server: { replyMode: 'thread' } } });
    now += SETTINGS_CACHE_MS;
    expect(await hostA.getGuildSettings(GUILD)).toMatchObject({ value: { server: { replyMode: 'thread' } } });
  });

  it('counts one vote per person per answer: pressing again changes it, a retried interaction changes nothing', async () => {
    const store = await fixture.open(await fixture.freshLocation());
    const vote = { answerKey: 'k1', userId: USER, guildId: GUILD, passageId: 'a#1' } as const;
    await store.recordVote({ ...vote, value: 'up', interactionId: '900000000000000001' });
    await store.recordVote({
      ...vote,
      value: 'down',
      reasonKind: 'wrong-passage',
      interactionId: '900000000000000002',
    });
    // The first press, delivered again late: it must not undo the newer one.
    await store.recordVote({ ...vote, value: 'up', interactionId: '900000000000000001' });
    await store.recordVote({ ...vote, answerKey: 'k2', userId: '300000000000000002', value: 'up', interactionId: '9' });
    const report = await store.gapsReport(GUILD, 7);
    if (!report.ok) throw new Error('unavailable');
    expect(report.value.votes).toEqual({ up: 1, down: 1 });
    expect(report.value.downvoted).toEqual([
      { passageId: 'a#1', article: 'a', paragraph: 1, down: 1, up: 1, reasons: ['wrong passage'] },
    ]);
  });

  it('logs a question under a keyed hash of the user id, never the id itself', async () => {
    const store = await fixture.open(await fixture.freshLocation(), { userHashSecret: 'a secret for the test' });
    await store.recordQuestion(question('Who built the rocket system?'));
    await store.recordVote({ answerKey: 'k', userId: USER, value: 'up', interactionId: '1' });
    await store.recordLibraryAction({ guildId: GUILD, userId: USER, action: 'add', detail: 'https://example.org/a' });
    const db = rawDb(store);
    const rows = JSON.stringify([
      await db.selectFrom('question_log').selectAll().execute(),
      await db.selectFrom('votes').selectAll().execute(),
      await db.selectFrom('library_actions').selectAll().execute(),
    ]);
    expect(rows).not.toContain(USER);
    expect(rows).toContain(store.hashUser(USER));
    expect(store.hashUser(USER)).not.toBe(store.hashUser('300000000000000002'));
    const other = await fixture.open(await fixture.freshLocation(), { userHashSecret: 'another secret' });
    expect(other.hashUser(USER)).not.toBe(store.hashUser(USER));
  });

  it('groups the questions it could not answer after normalisation, most asked first, with the nearest passage', async () => {
    let now = 50 * DAY;
    const store = await fixture.open(await fixture.freshLocation(), { now: () => now });
    await store.recordQuestion(question('Who built the rocket system?'));
    await store.recordQuestion(question('who built the “rocket” system'));
    await store.recordQuestion(question('WHO BUILT THE ROCKET SYSTEM?!', { guildId: OTHER_GUILD }));
    await store.recordQuestion(question('What is the BRI?', { outcome: 'weak' }));
    await store.recordQuestion(question('How much did China invest?', { outcome: 'answer' }));
    now -= 10 * DAY;
    await store.recordQuestion(question('an old question', { outcome: 'weak' }));
    now += 10 * DAY;
    const week = await store.gapsReport(GUILD, 7);
    expect(week).toEqual({
      ok: true,
      value: {
        server: GUILD,
        days: 7,
        gaps: [
          {
            question: 'who built the “rocket” system',
            count: 2,
            outcome: 'no-match',
            nearest: { passageId: 'belarus-china#4', article: 'belarus-china', paragraph: 4 },
          },
          {
            question: 'What is the BRI?',
            count: 1,
            outcome: 'weak',
            nearest: { passageId: 'belarus-china#4', article: 'belarus-china', paragraph: 4 },
          },
        ],
        downvoted: [],
        votes: { up: 0, down: 0 },
        questions: 4,
      },
    });
    const month = await store.gapsReport(GUILD, 30);
    expect(month.ok && month.value.gaps.map((g) => g.question)).toContain('an old question');
    const everywhere = await store.gapsReport(undefined, 7);
    expect(everywhere.ok && everywhere.value.gaps[0]).toMatchObject({ count: 3 });
    expect(everywhere.ok && everywhere.value.server).toBeNull();
  });

  it('gives button state back by its key until it expires, after a restart and to another process', async () => {
    let now = 1_000;
    const location = await fixture.freshLocation();
    const store = await fixture.open(location, { now: () => now });
    const key = await store.put('{"view":"timeline","page":2}', 60_000, GUILD);
    expect(key).toMatch(/^[\w-]{12}$/);
    expect(await store.get(key)).toBe('{"view":"timeline","page":2}');
    await store.close();
    const restarted = await fixture.open(location, { now: () => now });
    const otherHost = await fixture.open(location, { now: () => now });
    expect(await restarted.get(key)).toBe('{"view":"timeline","page":2}');
    expect(await otherHost.get(key)).toBe('{"view":"timeline","page":2}');
    expect(await restarted.get('no-such-key')).toBeUndefined();
    now += 60_000;
    expect(await restarted.get(key)).toBeUndefined();
  });

  it('deletes rows older than the retention and expired button state, and keeps the rest', async () => {
    let now = 200 * DAY;
    const store = await fixture.open(await fixture.freshLocation(), { now: () => now, retentionDays: 90 });
    await store.recordQuestion(question('old'));
    await store.recordVote({ answerKey: 'old', userId: USER, value: 'down', interactionId: '1' });
    await store.recordLibraryAction({ guildId: GUILD, userId: USER, action: 'add', detail: 'old' });
    const shortLived = await store.put('{}', DAY);
    now += 91 * DAY;
    await store.recordQuestion(question('new'));
    const kept = await store.put('{"kept":true}', 30 * DAY);
    expect(await store.purgeExpired()).toEqual({
      ok: true,
      value: { questions: 1, votes: 1, libraryActions: 1, buttonStates: 1 },
    });
    expect(await store.get(shortLived)).toBeUndefined();
    expect(await store.get(kept)).toBe('{"kept":true}');
    const report = await store.gapsReport(GUILD, 365);
    expect(report.ok && report.value.questions).toBe(1);
  });

  it("deletes everything of a server that removed the bot, and nothing of another server's", async () => {
    const store = await fixture.open(await fixture.freshLocation());
    for (const guildId of [GUILD, OTHER_GUILD]) {
      await store.updateServerSettings(guildId, { feedback: false });
      await store.setChannelMentions(guildId, CHANNEL, true);
      await store.recordQuestion(question('q', { guildId }));
      await store.recordVote({ answerKey: `k${guildId}`, userId: USER, guildId, value: 'up', interactionId: '1' });
      await store.recordLibraryAction({ guildId, userId: USER, action: 'add', detail: 'x' });
      await store.put('{}', DAY, guildId);
    }
    expect(await store.deleteServer(GUILD)).toBe('written');
    const db = rawDb(store);
    for (const table of [
      'server_settings',
      'channel_settings',
      'votes',
      'question_log',
      'library_actions',
      'button_state',
    ] as const) {
      const rows = await db.selectFrom(table).select('guild_id').execute();
      expect(
        rows.map((r) => r.guild_id),
        table,
      ).toEqual([OTHER_GUILD]);
    }
    expect(await store.getGuildSettings(GUILD)).toEqual({ ok: true, value: { server: {}, channelMentions: {} } });
  });

  it('records library actions by hash and lists them newest first, per server', async () => {
    let now = 10;
    const store = await fixture.open(await fixture.freshLocation(), { now: () => now });
    await store.recordLibraryAction({ guildId: GUILD, userId: USER, action: 'add', detail: 'https://a.example/1' });
    now = 20;
    await store.recordLibraryAction({ guildId: GUILD, userId: USER, action: 'remove', detail: 'a-1' });
    await store.recordLibraryAction({ userId: USER, action: 'add', detail: 'shared' });
    expect(await store.listLibraryActions(GUILD, 10)).toEqual({
      ok: true,
      value: [
        { actorHash: store.hashUser(USER), action: 'remove', detail: 'a-1', at: 20 },
        { actorHash: store.hashUser(USER), action: 'add', detail: 'https://a.example/1', at: 10 },
      ],
    });
    expect(await store.listLibraryActions(undefined, 10)).toMatchObject({ value: [{ detail: 'shared' }] });
  });
});
