import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Every TransactWriteItems goes through transact() (functions/store/dynamo/transact.ts), which
// alone applies the limits, decodes the refusals and retries conflicts; lint keeps it that way.

const PRIMITIVE = 'functions/store/dynamo/transact.ts';
const THIS = 'test/unit/store/transact-lint.test.ts';
const snippet = [
  "import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';",
  'export const send = () => new TransactWriteCommand({ TransactItems: [] });',
  '',
].join('\n');

const restricted = async (filePath: string) => {
  const [result] = await new ESLint().lintText(snippet, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the one transaction primitive', () => {
  it('is the only file that constructs TransactWriteCommand', () => {
    // This file names the command in its lint snippet; it constructs nothing.
    const constructing = [...sources('functions'), ...sources('infra'), ...sources('test')].filter(
      (f) => f !== THIS && /new\s+TransactWrite(Items)?Command\b/.test(readFileSync(f, 'utf8')),
    );
    expect(constructing).toEqual([PRIMITIVE]);
  });

  it('is enforced by lint everywhere else, with a message saying why', async () => {
    for (const file of [
      'functions/store/records/records-store.ts',
      'functions/store/documents/x.ts',
      'test/integration/x.ts',
    ]) {
      const messages = await restricted(file);
      expect(messages).toHaveLength(2);
      expect(messages[0].message).toContain('transact() from #store/dynamo/transact');
    }
    expect(await restricted(PRIMITIVE)).toEqual([]);
  }, 60_000);
});
