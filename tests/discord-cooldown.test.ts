import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../src/discord/cooldown.js';

describe("Cooldowns with a server's own seconds", () => {
  it("holds a second question back for the server's cooldown although the environment has none", () => {
    let now = 0;
    const cooldowns = new Cooldowns(0, 0, () => now);
    const server = { user: 60, channel: 0 };
    expect(cooldowns.take('u', 'c', server)).toBe(0);
    now = 30_000;
    expect(cooldowns.take('u', 'c', server)).toBe(30);
    expect(cooldowns.take('u', 'c')).toBe(0);
    now = 90_001;
    expect(cooldowns.take('u', 'c', server)).toBe(0);
  });

  it("does not forget, when sweeping, an entry a server's longer cooldown still needs", () => {
    let now = 0;
    const cooldowns = new Cooldowns(1, 0, () => now);
    for (let n = 0; n < 1_000; n++) cooldowns.take(`other${n}`, null);
    cooldowns.take('u', null, { user: 600, channel: 0 });
    now = 10_000;
    cooldowns.take('someone', null);
    expect(cooldowns.take('u', null, { user: 600, channel: 0 })).toBe(590);
  });
});
