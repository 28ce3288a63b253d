import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores in CI: native addons and loopback servers behave better without oversubscription.
    maxWorkers: 2,
  },
});
