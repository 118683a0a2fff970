import { defineConfig } from 'vitest/config';

/**
 * Test files that read the table's stream (through its consumers: the webhook fan-out, the search
 * indexer). They run in a project of their own, on a runtime with the stream on; every other file
 * runs on one without it (see `streams` in infra/local/runtime.ts for why).
 */
const STREAM_CONSUMER_TESTS = [
  'test/integration/webhooks/delivery.test.ts',
  'test/integration/webhooks/delivery-load.test.ts',
  'test/integration/webhooks/delivery-routes.test.ts',
  'test/integration/webhooks/delivery-end-to-end.test.ts',
  'test/integration/search/search.test.ts',
];
const NOT_TESTS = ['test/bench/**', 'node_modules/**'];
// Each project starts its own runtime (test/integration/global-setup.ts reads the project's name).
const globalSetup = ['test/integration/global-setup.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/contract/count-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Handlers served in a test's own process log through the same logger: only what is critical.
    env: { POWERTOOLS_LOG_LEVEL: 'CRITICAL' },
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...NOT_TESTS, ...STREAM_CONSUMER_TESTS],
          globalSetup,
        },
      },
      { extends: true, test: { name: 'streams', include: STREAM_CONSUMER_TESTS, globalSetup } },
    ],
  },
});
