import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../src/discord/cooldown.js';

/** A cooldown on a clock the test moves by hand. */
function withClock(userSeconds: number, channelSeconds: number) {
  let now = 1_000_000;
  const cooldowns = new Cooldowns(userSeconds, channelSeconds, () => now);
  return {
    cooldowns,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('Cooldowns', () => {
  it('lets a user ask again only once their seconds have passed, and says how long to wait, rounded up', () => {
    const { cooldowns, advance } = withClock(3, 0);
    expect(cooldowns.take('alice', 'c1')).toBe(0);
    expect(cooldowns.take('alice', 'c1')).toBe(3);
    advance(1_200);
    expect(cooldowns.take('alice', 'c2')).toBe(2);
    advance(1_799);
    expect(cooldowns.take('alice', 'c1')).toBe(1);
    advance(1);
    expect(cooldowns.take('alice', 'c1')).toBe(0);
  });

  it('does not start the wait again for a refused request', () => {
    const { cooldowns, advance } = withClock(3, 0);
    cooldowns.take('alice', null);
    advance(2_000);
    expect(cooldowns.take('alice', null)).toBe(1);
    advance(1_000);
    expect(cooldowns.take('alice', null)).toBe(0);
  });

  it('keeps users apart, and holds a channel for everyone in it', () => {
    const { cooldowns, advance } = withClock(3, 10);
    expect(cooldowns.take('alice', 'c1')).toBe(0);
    expect(cooldowns.take('bob', 'c2')).toBe(0);
    expect(cooldowns.take('carol', 'c1')).toBe(10);
    advance(5_000);
    expect(cooldowns.take('alice', 'c2')).toBe(5);
    expect(cooldowns.take('alice', null)).toBe(0);
  });

  it.each([
    ['both off', 0, 0],
    ['the user cooldown off, no channel', 0, 5],
  ])('never waits with %s', (_name, user, channel) => {
    const { cooldowns } = withClock(user, channel);
    for (let i = 0; i < 5; i++) expect(cooldowns.take('alice', null)).toBe(0);
    expect(cooldowns.size).toBe(0);
  });

  it('forgets expired entries once it holds many, so memory stays flat', () => {
    const { cooldowns, advance } = withClock(1, 1);
    for (let i = 0; i < 600; i++) cooldowns.take(`user${i}`, `channel${i}`);
    expect(cooldowns.size).toBe(1_200);
    advance(1_001);
    cooldowns.take('late', 'channel-late');
    expect(cooldowns.size).toBe(2);
  });
});
