import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '#infra/constructs/project';

// The edge does the request's bookkeeping once, so that no route or use case can get it wrong:
// a body is parsed by the route's schema only, and a list's cursor scope is derived by invokeRoute.

const sources = (folder: string): string[] =>
  (readdirSync(fromRoot(folder), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
const matching = (files: string[], pattern: RegExp) =>
  files.flatMap((f) =>
    readFileSync(fromRoot(f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
  );

describe('validate once at the edge', () => {
  it('gives use cases typed input: none in core takes a body, input or request as unknown', () => {
    // A provider's webhook payload is decoded in core (the intake route takes the raw body): the one exception.
    const core = sources('functions/core').filter((f) => f !== join('functions/core/intake/payload.ts'));
    expect(matching(core, /\b(body|input|request)\s*:\s*unknown\b/)).toEqual([]);
  });

  it('derives cursor scopes in invokeRoute only: no HTTP module writes one', () => {
    const http = sources('functions/http').filter((f) => f !== join('functions/http/invoke-route.ts'));
    expect(matching(http, /\bscope\s*:\s*[`'"]|\bconst scope\s*=\s*[`'"]/)).toEqual([]);
  });
});
