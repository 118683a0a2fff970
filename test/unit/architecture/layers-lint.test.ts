import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Issue 20, part 3: core's capabilities import only core's root files and the capabilities below
// them (CORE_LEVELS in eslint.config.js), so no two core folders import each other; the Lambdas
// that do not run behind HTTP (tasks, events) reach presenters in core, never in http/.

// eslint.config.js is plain JavaScript without types: the levels are read as data.
const { CORE_LEVELS } = (await import(pathToFileURL(resolve('eslint.config.js')).href)) as { CORE_LEVELS: string[][] };
const eslint = new ESLint();
const importFrom = (spec: string) => `import type * as m from '${spec}';\nexport type M = typeof m;\n`;
const refusals = async (filePath: string, spec: string) => {
  const [result] = await eslint.lintText(importFrom(spec), { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

const folders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe('core capabilities by level', () => {
  it('names every folder of functions/core in CORE_LEVELS, once', () => {
    expect([...CORE_LEVELS.flat()].sort()).toEqual(folders('functions/core'));
  });

  it('lets a capability import its own folder, the root files and the levels below it', async () => {
    expect(await refusals('functions/core/records/x.ts', '#core/records/entities')).toEqual([]);
    expect(await refusals('functions/core/records/x.ts', '#core/errors')).toEqual([]);
    expect(await refusals('functions/core/records/x.ts', '#core/tenancy/caller')).toEqual([]);
    expect(await refusals('functions/core/sending/x.ts', '#core/templates/render-html')).toEqual([]);
  });

  it('refuses an import upwards, sideways on one level, or from a root file into a capability', async () => {
    const [upward] = await refusals('functions/core/tenancy/caller.ts', '#core/templates/profile');
    expect(upward).toContain('core/tenancy may import');
    expect(upward).toContain('CORE_LEVELS');
    expect(await refusals('functions/core/tenancy/api-keys.ts', '#core/users/user')).toHaveLength(1);
    expect(await refusals('functions/core/templates/x.ts', '#core/approvals/route')).toHaveLength(1);
    expect(await refusals('functions/core/approvals/x.ts', '#core/templates/job')).toHaveLength(1);
    expect(await refusals('functions/core/records/x.ts', '../documents/document')).toHaveLength(1);
    const [root] = await refusals('functions/core/request-hash.ts', '#core/tenancy/key-secret');
    expect(root).toContain('root files');
  }, 60_000);

  it('still holds core to its layer rules in every capability folder', async () => {
    for (const cap of CORE_LEVELS.flat())
      expect(await refusals(`functions/core/${cap}/x.ts`, '#store/dynamo/client')).toHaveLength(1);
  }, 60_000);

  it('finds no upward import, no sideways import and no root-to-capability import in core today', async () => {
    const results = await eslint.lintFiles(['functions/core/**/*.ts']);
    const found = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(found).toEqual([]);
  }, 120_000);
});

describe('tasks and event handlers', () => {
  it('may not import http/, and find presenters in core', async () => {
    for (const file of ['functions/tasks/x.ts', 'functions/events/x.ts']) {
      const [refusal] = await refusals(file, '#http/documents/documents');
      expect(refusal).toContain('core/<capability>/present.ts');
      expect(await refusals(file, '#core/documents/present')).toEqual([]);
    }
  }, 60_000);
});

describe('http/', () => {
  it('keeps only shared plumbing at its root; routes, schemas and Lambda modules live by capability', () => {
    const root = readdirSync('functions/http', { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    expect(root).toEqual([
      'api-handler.ts',
      'deps.ts',
      'idempotency-scope.ts',
      'idempotency.ts',
      'input-paths.ts',
      'invoke-route.ts',
      'openapi-responses.ts',
      'openapi-tags.ts',
      'openapi.ts',
      'problem.ts',
      'public-url.ts',
      'request-state.ts',
      'request.ts',
      'route.ts',
    ]);
    for (const cap of folders('functions/http').filter((f) => !['middleware', 'schemas'].includes(f)))
      expect(CORE_LEVELS.flat()).toContain(cap);
  });

  it('lets only a Lambda entry (http/<capability>/api.ts) import the wiring', async () => {
    expect(await refusals('functions/http/records/api.ts', '#wiring/records-api')).toEqual([]);
    expect(await refusals('functions/http/records/records.ts', '#wiring/records-api')).toHaveLength(1);
  }, 60_000);
});
