import { afterAll, describe, expect, it } from 'vitest';
// The module chain `npm start` and the test global setup import before they set the log level.
import '#infra/local/runtime';
import { inLogScope, logger } from '#observability/logger';

// infra/local/main.ts and test/integration/global-setup.ts set POWERTOOLS_LOG_LEVEL only after
// their imports: the logger must read it on first use, not when its module is imported.
const levelBefore = process.env.POWERTOOLS_LOG_LEVEL;

afterAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = levelBefore;
  logger.setLogLevel('CRITICAL');
});

describe('the log level set after the local runtime is imported', () => {
  it('is the level the logger and each invocation scope log at', () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    expect(logger.getLevelName()).toBe('WARN');
    expect(inLogScope({ function: 'ses-events', requestId: 'r-1' }, () => logger.getLevelName())).toBe('WARN');
  });
});
