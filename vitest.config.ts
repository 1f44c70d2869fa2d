import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The end-to-end suites start a real discord.js client against a local stand-in; give them room on a noisy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
