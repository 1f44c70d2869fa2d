import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const cwd = '/srv/footnote';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, cwd);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('the store settings', () => {
  it.each([
    [{}, { engine: 'sqlite', path: path.join(cwd, 'data', 'footnote.sqlite') }],
    [{ DATABASE_URL: 'sqlite:var/bot.sqlite' }, { engine: 'sqlite', path: path.join(cwd, 'var', 'bot.sqlite') }],
    [{ DATABASE_URL: 'postgres://u:p@db:5432/f' }, { engine: 'postgres', url: 'postgres://u:p@db:5432/f' }],
    [{ DATABASE_URL: 'postgresql://u@db/f' }, { engine: 'postgres', url: 'postgresql://u@db/f' }],
  ])('DATABASE_URL %j is %j', (env, location) => {
    expect(loadConfig(env, cwd).store.location).toEqual(location);
  });

  it('defaults to 90 days of retention, feedback and logging on, public answers, a secret made by the store', () => {
    const { store } = loadConfig({}, cwd);
    expect(store).toEqual({
      location: expect.anything(),
      retentionDays: 90,
      feedback: true,
      questionLog: true,
      privateAnswers: false,
    });
  });

  it('refuses a malformed DATABASE_URL without echoing it, and a short secret without printing it', () => {
    const found = problems({ DATABASE_URL: 'mysql://root:hunter22@db/x', USER_HASH_SECRET: 'short-secret' });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^DATABASE_URL must be postgres:\/\//);
    expect(found[1]).toBe('USER_HASH_SECRET must be at least 16 characters (got 12)');
    expect(found.join(' ')).not.toMatch(/hunter22|short-secret/);
    expect(problems({ LOG_RETENTION_DAYS: '0' })).toEqual([
      'LOG_RETENTION_DAYS must be a number from 1 to 3650 (got "0")',
    ]);
  });
});
