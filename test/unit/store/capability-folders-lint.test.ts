import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// One folder per capability in every layer (issue 20): lint refuses a file at the root of
// functions/store/, and one at the root of functions/http/ that is not shared plumbing.

const RULE = 'dossier/capability-folders';
const flagged = async (filePath: string) => {
  const [result] = await new ESLint().lintText('export const x = 1;\n', { filePath });
  return result.messages.filter((m) => m.ruleId === RULE);
};
const rootFiles = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);

describe('capability folders', () => {
  it('refuses a file at the root of functions/store/, saying where it goes', async () => {
    for (const file of ['functions/store/records-store.ts', 'functions/store/keys.ts', 'functions/store/x.js']) {
      const messages = await flagged(file);
      expect(messages, file).toHaveLength(1);
      expect(messages[0].message).toContain('store/<capability>/');
      expect(messages[0].message).toContain('one folder per layer');
    }
  }, 60_000);

  it('lets store files in capability, dynamo and aws folders be', async () => {
    for (const file of [
      'functions/store/records/records-store.ts',
      'functions/store/dynamo/keys.ts',
      'functions/store/aws/s3.ts',
      'functions/store/documents/deep/x.ts',
      'functions/core/records/x.ts',
      'test/store.ts',
    ])
      expect(await flagged(file), file).toEqual([]);
  }, 60_000);

  it('names store folders as core names its capabilities', async () => {
    for (const file of ['functions/store/documents-store/x.ts', 'functions/store/misc/x.ts']) {
      const messages = await flagged(file);
      expect(messages, file).toHaveLength(1);
      expect(messages[0].message).toContain('nor a capability of functions/core/');
    }
    for (const file of ['functions/store/sending/x.ts', 'functions/store/tenancy/x.ts'])
      expect(await flagged(file), file).toEqual([]);
  }, 60_000);

  it('allows only shared plumbing at the root of functions/http/', async () => {
    for (const file of [
      'functions/http/api-handler.ts',
      'functions/http/route.ts',
      'functions/http/idempotency.ts',
      'functions/http/idempotency-scope.ts',
      'functions/http/openapi-tags.ts',
      'functions/http/middleware/auth.ts',
      'functions/http/records/routes.ts',
    ])
      expect(await flagged(file), file).toEqual([]);
    for (const file of [
      'functions/http/present-deal.ts',
      'functions/http/records-routes.ts',
      'functions/http/shared.ts',
    ]) {
      const messages = await flagged(file);
      expect(messages, file).toHaveLength(1);
      expect(messages[0].message).toContain('http/<capability>/');
    }
  }, 60_000);

  it('holds on the tree: no file at the root of store/, and only shared plumbing at the root of http/', async () => {
    expect(rootFiles('functions/store')).toEqual([]);
    for (const name of rootFiles('functions/http')) expect(await flagged(`functions/http/${name}`), name).toEqual([]);
  });
});
