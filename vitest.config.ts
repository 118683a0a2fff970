import { defineConfig } from 'vitest/config';

// The global setup imports the handlers, whose logger reads its level when first imported: set it
// here, before that, or the local runtime of the whole run logs every request at INFO.
process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';

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
