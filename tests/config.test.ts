import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger, scrubSecrets } from '../src/log.js';

const CWD = '/srv/footnote';
const CLIENT_ID = '1234567890123456789';
/** Shaped like a real bot token: base64url of the bot's id, a 6-character timestamp, a 27-character HMAC. */
const TOKEN = `${Buffer.from(CLIENT_ID).toString('base64url')}.GhIjKl.${'aB3_dE6-gH9iJ2kL5mN8oP1qR4s'}`;

/** The ConfigError `loadConfig` throws for `env`, or a failure if it does not throw one. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(Object.keys(env))}`);
}

describe('loadConfig', () => {
  it('reads the console language from LANG, and English from a LANG Footnote does not speak', () => {
    expect(loadConfig({ LANG: 'de_DE.UTF-8' }, CWD).consoleLanguage).toBe('de');
    expect(loadConfig({ LANG: 'ja_JP.UTF-8' }, CWD).consoleLanguage).toBe('en');
  });

  it('without a token gives the console configuration with its defaults, frozen', () => {
    const config = loadConfig({}, CWD);
    expect(config).toEqual({
      knowledgeDir: path.resolve(CWD, 'knowledge'),
      snapshotDir: path.resolve(CWD, 'data/index'),
      logLevel: 'info',
      consoleLanguage: 'en',
      cooldownSeconds: 3,
      channelCooldownSeconds: 0,
      mentionReplies: true,
      mentionReplyMode: 'inline',
      shutdownGraceMs: 5_000,
      store: expect.objectContaining({ retentionDays: 90 }),
      ingestAllowPrivate: false,
      libraryOwnerIds: [],
      libraryAddsPerHour: 20,
    });
    expect(config.discord).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps the index snapshot in SNAPSHOT_DIR, and none with SNAPSHOT=off', () => {
    expect(loadConfig({ SNAPSHOT_DIR: 'cache' }, CWD).snapshotDir).toBe(path.resolve(CWD, 'cache'));
    expect(loadConfig({ SNAPSHOT: 'off', SNAPSHOT_DIR: 'cache' }, CWD).snapshotDir).toBeUndefined();
    expect(() => loadConfig({ SNAPSHOT: 'maybe' }, CWD)).toThrow(/SNAPSHOT must be one of on, off/);
  });

  it('treats empty and blank values as unset, as a copied .env.example leaves them', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '  ', KNOWLEDGE_DIR: '', COOLDOWN_SECONDS: '' }, CWD),
    ).toEqual(loadConfig({}, CWD));
  });

  it('derives the client id from a valid-looking token', () => {
    expect(TOKEN.split('.').map((part) => part.length)).toEqual([26, 6, 27]);
    expect(loadConfig({ DISCORD_TOKEN: TOKEN }, CWD).discord).toEqual({ token: TOKEN, clientId: CLIENT_ID });
  });

  it('prefers an explicit client id and keeps the guild id', () => {
    const discord = loadConfig(
      { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '987654321098765432', DISCORD_GUILD_ID: '11111111111111111' },
      CWD,
    ).discord;
    expect(discord).toEqual({ token: TOKEN, clientId: '987654321098765432', guildId: '11111111111111111' });
  });

  it.each([
    ['https://discord.com/api/v10', 'https://discord.com/api'],
    ['https://discord.com/api/v10/', 'https://discord.com/api'],
    ['http://127.0.0.1:8080/api/v9', 'http://127.0.0.1:8080/api'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['https://proxy.example.org/api//', 'https://proxy.example.org/api'],
  ])('DISCORD_API_BASE %j → %j', (value, expected) => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: value }, CWD).discord?.apiBase).toBe(expected);
  });

  it.each([
    [{ KNOWLEDGE_DIR: 'articles' }, { knowledgeDir: path.resolve(CWD, 'articles') }],
    [{ KNOWLEDGE_DIR: '/data/knowledge' }, { knowledgeDir: '/data/knowledge' }],
    [{ LOG_LEVEL: 'DEBUG' }, { logLevel: 'debug' }],
    [
      { COOLDOWN_SECONDS: '0', CHANNEL_COOLDOWN_SECONDS: '10' },
      { cooldownSeconds: 0, channelCooldownSeconds: 10 },
    ],
    [
      { MENTION_REPLIES: 'off', MENTION_REPLY_MODE: 'thread' },
      { mentionReplies: false, mentionReplyMode: 'thread' },
    ],
    [{ SHUTDOWN_GRACE_MS: '0' }, { shutdownGraceMs: 0 }],
    [{ INGEST_ALLOW_PRIVATE: 'TRUE' }, { ingestAllowPrivate: true }],
    [
      { LIBRARY_OWNER_IDS: '200000000000000001, 200000000000000002', LIBRARY_ADDS_PER_HOUR: '5' },
      { libraryOwnerIds: ['200000000000000001', '200000000000000002'], libraryAddsPerHour: 5 },
    ],
  ])('reads %j', (env, expected) => {
    expect(loadConfig(env, CWD)).toMatchObject(expected);
  });

  it.each([
    ['DISCORD_TOKEN', { DISCORD_TOKEN: 'not-a-real-token-but-secret' }],
    ['DISCORD_TOKEN', { DISCORD_TOKEN: TOKEN.replace(/\./g, '') }],
    ['DISCORD_TOKEN', { DISCORD_TOKEN: `Bot ${TOKEN}` }],
    [
      'DISCORD_CLIENT_ID',
      { DISCORD_TOKEN: `${Buffer.from('not a snowflake').toString('base64url')}.GhIjKl.aB3_dE6-gH9iJ2kL5mN8oP1qR4s` },
    ],
    ['DISCORD_CLIENT_ID', { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '12345' }],
    ['DISCORD_CLIENT_ID', { DISCORD_CLIENT_ID: 'abc' }],
    ['DISCORD_GUILD_ID', { DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'my-server' }],
    ['DISCORD_GUILD_ID', { DISCORD_GUILD_ID: '123' }],
    ['DISCORD_API_BASE', { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: 'discord.com/api' }],
    ['DISCORD_API_BASE', { DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: 'ftp://discord.com/api' }],
    ['COOLDOWN_SECONDS', { DISCORD_TOKEN: TOKEN, COOLDOWN_SECONDS: 'three' }],
    ['COOLDOWN_SECONDS', { COOLDOWN_SECONDS: '-1' }],
    ['CHANNEL_COOLDOWN_SECONDS', { CHANNEL_COOLDOWN_SECONDS: '3601' }],
    ['SHUTDOWN_GRACE_MS', { SHUTDOWN_GRACE_MS: 'Infinity' }],
    ['SHUTDOWN_GRACE_MS', { SHUTDOWN_GRACE_MS: '60001' }],
    ['LOG_LEVEL', { DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'verbose' }],
    ['MENTION_REPLIES', { MENTION_REPLIES: 'yes' }],
    ['MENTION_REPLY_MODE', { MENTION_REPLY_MODE: 'dm' }],
    ['INGEST_ALLOW_PRIVATE', { INGEST_ALLOW_PRIVATE: 'yes' }],
  ])('rejects a bad %s, naming it and never printing the token', (key, env) => {
    const error = configError(env);
    expect(error.message).toContain(key);
    expect(error.problems.some((p) => p.startsWith(key))).toBe(true);
    if ('DISCORD_TOKEN' in env) {
      const token = env.DISCORD_TOKEN;
      expect(error.message).not.toContain(token);
      for (const part of token.replace(/^Bot /, '').split('.'))
        if (part.length >= 8) expect(error.message).not.toContain(part);
    }
  });

  it('lists every problem at once', () => {
    const error = configError({ COOLDOWN_SECONDS: 'x', LOG_LEVEL: 'loud', MENTION_REPLY_MODE: 'dm' });
    expect(error.problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'COOLDOWN_SECONDS',
      'LOG_LEVEL',
      'MENTION_REPLY_MODE',
    ]);
  });

  // BUG (src/config.ts, loadConfig): a token pasted into DISCORD_CLIENT_ID (an easy slip: both come from the same
  // Developer Portal page) is echoed in full by `DISCORD_CLIENT_ID must be a Discord id … (got "<token>")`, so the
  // secret reaches the terminal or CI log. Expected: the value is not echoed when it looks like a token.
  it('does not echo a token pasted into DISCORD_CLIENT_ID', () => {
    expect(configError({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: TOKEN }).message).not.toContain(TOKEN);
  });
});

describe('scrubSecrets', () => {
  it.each([
    [
      'an interaction token in a callback URL',
      'POST https://discord.com/api/v10/interactions/1234567890/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQ/callback failed',
      'aW50ZXJhY3Rpb246',
      'interactions/1234567890/[redacted]/callback',
    ],
    [
      'a webhook token',
      'PATCH /webhooks/1122334455/tok3n-W1th_symbols.and/messages/@original 404',
      'tok3n-W1th',
      'webhooks/1122334455/[redacted]/messages/@original',
    ],
    [
      'a webhook token at the end of a URL',
      'GET https://discord.com/api/webhooks/1122334455/zzzzTOKENzzzz?wait=true',
      'zzzzTOKENzzzz',
      'webhooks/1122334455/[redacted]?wait=true',
    ],
    [
      'an Authorization header value',
      'headers: {"authorization":"Bot MTIzNDU2Nzg5.GhIjKl.abcdefghijklmnopqrstu"}',
      'MTIzNDU2Nzg5.GhIjKl',
      'Bot [redacted]',
    ],
    [
      'a Bearer token',
      'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123',
      'abcdefghijklmnopqrstuvwxyz0123',
      'Bearer [redacted]',
    ],
  ])('redacts %s', (_name, line, secret, expected) => {
    const out = scrubSecrets(line);
    expect(out).not.toContain(secret);
    expect(out).toContain(expected);
  });

  it('redacts every occurrence of a given secret, and leaves short ones (under 8 characters) alone', () => {
    expect(scrubSecrets(`a ${TOKEN} b ${TOKEN}`, [TOKEN])).toBe('a [redacted] b [redacted]');
    expect(scrubSecrets('the word China', ['China'])).toBe('the word China');
  });

  it('leaves lines without secrets unchanged', () => {
    const line = '{"level":30,"msg":"knowledge loaded","articles":1,"passages":18}';
    expect(scrubSecrets(line, [TOKEN])).toBe(line);
  });
});

describe('createLogger', () => {
  function capture(pretty: boolean): { logger: ReturnType<typeof createLogger>; lines: string[] } {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      secrets: [TOKEN],
      pretty,
      destination: { write: (line) => lines.push(line) },
    });
    return { logger, lines };
  }

  it.each([false, true])(
    'removes the bot token, interaction and webhook tokens from every written line (pretty: %s)',
    (pretty) => {
      const { logger, lines } = capture(pretty);
      logger.info(`logging in with ${TOKEN}`);
      logger.error(
        {
          err: new Error(
            `Request to /interactions/123456789/interactionSecretValue123/callback failed (token ${TOKEN})`,
          ),
        },
        'command failed',
      );
      logger.warn(
        { url: 'https://discord.com/api/v10/webhooks/99887766/webhookSecretValue456/messages/@original' },
        'edit failed',
      );
      logger.debug({ token: 'field-named-token-value-123' }, 'with a token field');
      expect(lines.length).toBe(4);
      const all = lines.join('\n');
      for (const secret of [TOKEN, 'interactionSecretValue123', 'webhookSecretValue456', 'field-named-token-value-123'])
        expect(all).not.toContain(secret);
      expect(all).toContain('[redacted]');
    },
  );

  it('writes JSON lines by default and `level: message` lines when pretty', () => {
    const json = capture(false);
    json.logger.warn({ file: 'a.md' }, 'skipped');
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ level: 40, msg: 'skipped', file: 'a.md' });
    const pretty = capture(true);
    pretty.logger.warn({ err: new Error('boom') }, 'skipped');
    expect(pretty.lines).toEqual(['warn: skipped (boom)\n']);
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line) => lines.push(line) } });
    logger.info('quiet');
    logger.debug('quieter');
    expect(lines).toEqual([]);
  });
});
