import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    globalSetup: ['test/integration/global-setup.ts'],
    setupFiles: ['test/contract/count-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Handlers served in a test's own process log through the same logger: only what is critical.
    env: { POWERTOOLS_LOG_LEVEL: 'CRITICAL' },
  },
});
