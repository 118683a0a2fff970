// Each Lambda is wired with the ports its code uses and no other (the compiler
// checks `ports` against `ctx.deps` and the wiring's `satisfies`; this checks what ships), and the
// approval workflow's five task functions run one dispatching module.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions } from '#infra/catalog';
import { ok, route, type LambdaDeps, type Route } from '#http/route';
import { fromRoot } from '#infra/constructs/project';
import type { DomainError } from '#core/errors';
import { refusalOf } from '#store/conversion/workflow';

const STACK_PORTS = ['request', 'tenancy'];

const apis = functions.filter((f) => f.kind === 'api');
/** Each API function's wiring: functions/wiring/<capability>-api.ts exports <capability>ApiDeps. */
const API_WIRING: Record<string, string> = Object.fromEntries(apis.map((f) => [f.id, f.id.replace(/-api$/, '')]));

describe('typed deps per Lambda', () => {
  it('names every API function <capability>-api, which names its wiring', () => {
    expect(apis.length).toBeGreaterThan(0);
    for (const { id } of apis) expect(id).toMatch(/^[a-z]+-api$/);
  });

  it.each(Object.entries(API_WIRING))('%s is wired with exactly the ports its routes declare', async (id, name) => {
    const spec = apis.find((f) => f.id === id)!;
    const routes = ((await import(fromRoot(spec.routes!))) as { default: Route[] }).default;
    const wiring = (await import(fromRoot(`functions/wiring/${id}.ts`))) as Record<string, () => object>;
    const deps = wiring[`${name}ApiDeps`]!();
    const declared = new Set([...STACK_PORTS, ...routes.flatMap((r) => r.ports ?? [])]);
    // No proxy stands in for an unwired port: the wiring's keys are the ports, each a real object.
    expect(Object.keys(deps).sort()).toEqual([...declared].sort());
  });
});

describe('typed deps at compile time (npm run typecheck fails if an expected error is gone)', () => {
  const probe = route({
    method: 'GET',
    path: '/v1/probe',
    operationId: 'probe',
    summary: 'A route that declares the records port only.',
    tag: 'Probe',
    auth: 'public',
    ports: ['records'],
    success: { status: 200, description: 'Nothing.' },
    handler: async (_input, { deps }) => {
      // @ts-expect-error tenancy is not among the route's ports, so it is not in ctx.deps
      void deps.tenancy;
      return ok(typeof deps.records);
    },
  });

  it("gives a route only the ports it declares, and a Lambda wires exactly those and the stack's", () => {
    type ProbeDeps = LambdaDeps<[typeof probe]>;
    const stack = { request: {}, tenancy: {} } as Pick<ProbeDeps, 'request' | 'tenancy'>;
    // @ts-expect-error the records port the route declared is missing
    void ({ ...stack } satisfies ProbeDeps);
    // @ts-expect-error a port no route declares is not wired
    void ({ ...stack, records: {} as ProbeDeps['records'], sending: {} } satisfies ProbeDeps);
    expect(probe.ports).toEqual(['records']);
  });
});

describe('approval task functions', () => {
  const tasks = functions.filter((f) => f.id.startsWith('approval-') && f.kind === 'task');

  it('keeps five function resources on one dispatching module, each with its own export', async () => {
    expect(tasks.map((f) => f.id).sort()).toEqual([
      'approval-await-decision',
      'approval-close-stage',
      'approval-deadline',
      'approval-finish',
      'approval-open-stage',
    ]);
    expect(new Set(tasks.map((f) => f.entry))).toEqual(new Set(['functions/tasks/approval-steps.ts']));
    const module = (await import(fromRoot('functions/tasks/approval-steps.ts'))) as Record<string, unknown>;
    for (const f of tasks) expect(typeof module['handler' in f ? f.handler : 'handler']).toBe('function');
    expect(new Set(tasks.map((f) => ('handler' in f ? f.handler : undefined))).size).toBe(5);
  });

  it('refuses a step it does not know, touching nothing', async () => {
    const { handler } = (await import(fromRoot('functions/tasks/approval-steps.ts'))) as {
      handler: (input: unknown) => Promise<unknown>;
    };
    await expect(handler({ step: 'toString', tenantId: 't', approvalId: 'a' })).rejects.toThrow(
      'No approval step named toString.',
    );
  });

  it('parses each step input at the task edge: a malformed one is refused naming its fields, before any read', async () => {
    const { handler, closeStageHandler } = (await import(fromRoot('functions/tasks/approval-steps.ts'))) as Record<
      string,
      (input: unknown) => Promise<unknown>
    >;
    const ids = { tenantId: 'ten_01JD0000000000000000000000', approvalId: 'apv_01JD0000000000000000000000' };
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: { code?: string; errors?: { path: string }[] }) => e,
      );
    const bad = await refusal(handler({ step: 'openStage', v: 1, ...ids, stage: '0' }));
    expect(bad).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'stage' }] });
    const noToken = await refusal(handler({ step: 'awaitDecision', ...ids, taskId: 'tsk_01JD0000000000000000000000' }));
    expect(noToken).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'token' }] });
    // The fixed exports of retained state-machine versions go through the same edge.
    const foreign = await refusal(
      closeStageHandler({ ...ids, approvalId: 'doc_01JD0000000000000000000000', stage: 0 }),
    );
    expect(foreign).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'approvalId' }] });
  });
});

describe('conversion and render task inputs', () => {
  const ids = { tenantId: 'ten_01JD0000000000000000000000', jobId: 'job_01JD0000000000000000000000' };
  const tenant = {
    id: ids.tenantId,
    name: 'Acme',
    plan: 'standard',
    seats: 5,
    status: 'active',
    version: 1,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };
  const run = {
    conversionId: 'cnv_01JD0000000000000000000000',
    leadId: 'lead_01JD0000000000000000000000',
    caller: {
      kind: 'tenant',
      tenant,
      tenantId: ids.tenantId,
      userId: 'usr_01JD0000000000000000000000',
      role: 'owner',
      keyId: 'key_1',
    },
    request: {
      outcome: 'converted',
      contact: { create: {} },
      onDuplicate: 'fail',
      fieldPolicy: 'fill-empty',
      dryRun: false,
      createMissingFields: false,
    },
  };
  const draft = { ...run, leadVersion: 1, targets: {}, unmapped: [], fieldsToCreate: [], missing: [], duplicates: [] };
  type Task = (input: unknown) => Promise<unknown>;
  const task = async (file: string) => ((await import(fromRoot(file))) as { handler: Task }).handler;
  /** A task's refusal as the API reads it back from the failed execution (error name, cause). */
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: Error) => refusalOf(e.name, JSON.stringify({ errorMessage: e.message })) as DomainError,
    );

  it('conversion: each step parses its draft at the task edge, refusing a malformed one naming the field', async () => {
    const handler = await task('functions/tasks/conversion-tasks.ts');
    await expect(handler({ step: 'toString', draft })).rejects.toThrow('No conversion step named toString.');
    const { leadVersion: _, ...noVersion } = draft;
    expect(await refusal(handler({ step: 'validate', draft: noVersion }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'draft.leadVersion', message: 'Required.' }],
    });
    const junkPolicy = { ...run, request: { ...run.request, onDuplicate: 'merge' } };
    expect(await refusal(handler({ step: 'map', draft: junkPolicy }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'draft.request.onDuplicate' }],
    });
    const foreignCaller = { ...draft, caller: { ...run.caller, tenantId: 'lead_01JD0000000000000000000000' } };
    expect(await refusal(handler({ step: 'duplicates', draft: foreignCaller }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'draft.caller.tenantId', message: 'must be a tenant id' }],
    });
    // A tenant item from before seats and names is read as stored: only what the steps read is checked.
    const legacy = { ...draft, caller: { ...run.caller, tenant: { id: ids.tenantId, schemaVersion: 'two' } } };
    expect(await refusal(handler({ step: 'plan', draft: legacy }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'draft.caller.tenant' }],
    });
    const { schemaVersion: _v, ...old } = legacy.caller.tenant;
    const planned = (await handler({
      step: 'plan',
      draft: { ...legacy, caller: { ...legacy.caller, tenant: old } },
    })) as {
      kind: string;
    };
    expect(planned.kind).toBe('plan');
    // Carrying needs the conversion the commit wrote.
    expect(await refusal(handler({ step: 'carry', draft }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'draft.committed' }],
    });
  });

  it('render: each step parses the state at the task edge, refusing a malformed one naming the field', async () => {
    const steps = await task('functions/tasks/render-steps.ts');
    expect(
      await refusal(
        steps({ step: 'gather', state: { ...ids, jobId: 'doc_01JD0000000000000000000000', format: 'pdf' } }),
      ),
    ).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'state.jobId', message: 'must be a job id' }],
    });
    expect(await refusal(steps({ step: 'register', state: { ...ids, format: 'pdf', pages: -1 } }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'state.pages' }],
    });
    const pdf = await task('functions/tasks/render-pdf.ts');
    expect(await refusal(pdf({ mode: 'document', state: { ...ids, format: 'docx' } }))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'state.format' }],
    });
    const paper = {
      size: 'A5',
      orientation: 'portrait',
      margins: { top: '1mm', right: '1mm', bottom: '1mm', left: '1mm' },
    };
    expect(
      await refusal(pdf({ mode: 'preview', doc: { html: '<p>x</p>', header: '', footer: '', paper } })),
    ).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'doc.paper.size' }],
    });
  });
});

describe('the clock', () => {
  it('is defined once, as systemClock in core/clock.ts, and every Lambda is wired with it', () => {
    const files = (readdirSync(fromRoot('functions'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('functions', f));
    // `now: () => new Date()` as a property, or `now = (): string => new Date()…` as a function.
    const clocks = files.filter((f) =>
      /now(:|\(\))\s*(=>|\{)?\s*(\(\)\s*=>\s*)?new Date\(\)|\bnow\s*=\s*\([^)]*\)\s*(:\s*\w+\s*)?=>\s*new Date\(\)/.test(
        readFileSync(fromRoot(f), 'utf8'),
      ),
    );
    expect(clocks).toEqual(['functions/core/clock.ts']);
    const wired = files.filter(
      (f) => f.startsWith('functions/wiring/') && /\bclock: systemClock\b/.test(readFileSync(fromRoot(f), 'utf8')),
    );
    expect(wired.sort()).toEqual([
      'functions/wiring/approvals.ts',
      'functions/wiring/documents.ts',
      'functions/wiring/sending.ts',
      'functions/wiring/webhook-delivery.ts',
    ]);
  });
});

describe('one name for deps', () => {
  it('calls a set of ports XDeps (type) and xDeps (value), never xPorts', () => {
    const files = (readdirSync(fromRoot('functions'), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.ts'),
    );
    const named = files.flatMap((f) =>
      [...readFileSync(fromRoot(join('functions', f)), 'utf8').matchAll(/\b[A-Za-z]+Ports\b/g)].map(
        (m) => `functions/${f}: ${m[0]}`,
      ),
    );
    expect(named).toEqual([]);
  });
});

describe('ports', () => {
  it('are interfaces with named methods: no member of a core Deps interface is a bare function', () => {
    // A bare function (`fromAddress: () => string`) names nothing a fake or a contract suite can be
    // held to; it is either a method of a port or not a port at all (plain code, or configuration).
    const files = (readdirSync(fromRoot('functions/core'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join('functions/core', f));
    const bare: string[] = [];
    for (const f of files) {
      let inside: string | undefined;
      readFileSync(fromRoot(f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const opened = /^export interface (\w+Deps)\b/.exec(line);
          if (opened) inside = opened[1];
          else if (line.startsWith('}')) inside = undefined;
          else if (inside && /^ {2}\w+\??:\s*\(.*\)\s*=>/.test(line))
            bare.push(`${f}:${i + 1} ${inside}.${line.trim()}`);
        });
    }
    // Fault injection for the crash tests (config RENDER_PAUSES), not a port.
    const allowed = [/^functions\/core\/templates\/render-steps\.ts:\d+ RenderDeps\.pause\?:/];
    expect(bare.filter((b) => !allowed.some((a) => a.test(b)))).toEqual([]);
  });
});
