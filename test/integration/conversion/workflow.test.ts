import { readFileSync } from 'node:fs';
import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import type { ConversionRun } from '#core/conversion/run';
import type { ConvertRequest } from '#core/conversion/request';
import { stateMachines } from '#infra/catalog';
import { refusalOf } from '#store/conversion/workflow';
import { CARRY_GRACE_MS } from '#core/conversion/conversion';
import { carryPending } from '#core/conversion/sweep-carries';
import { conversionDeps } from '#wiring/conversion';
import { handler } from '#tasks/conversion-tasks';
import { startHarness, type Harness } from '#test/integration/sfn/harness';
import { useLocalRuntimeFromThisProcess } from '#test/integration/in-process-store';
import { call, expectStatus } from '../api-client';
import { create } from '../records/helpers';
import { uploadDocument } from '../documents/helpers';
import { world, type World, ownerCaller } from './helpers';

// The real statemachines/lead-conversion.asl.json on the local Step Functions service, its Task
// states calling the real task Lambda against DynamoDB Local; a test may make a step fail first.

const spec = stateMachines.find((m) => m.id === 'lead-conversion')!;
const failures = new Map<string, { name: string; after?: boolean }>();
const calls: string[] = [];

/** A step that stops mid-way, as when its Lambda or the server dies: `reached` once entered, ended by `release`. */
let stall: { step: string; reached: () => void; held: Promise<never> } | undefined;

async function tasks(input: { step: string }) {
  calls.push(input.step);
  if (stall?.step === input.step) {
    stall.reached();
    return stall.held;
  }
  const failure = failures.get(input.step);
  if (failure) failures.delete(input.step);
  if (failure && !failure.after) throw Object.assign(new Error('injected'), { name: failure.name });
  const result = await handler(input as never);
  // The step did its work, but its answer was lost (a timeout): the retry must find it done.
  if (failure?.after) throw Object.assign(new Error('answer lost'), { name: failure.name });
  return result;
}

const request = (r: Partial<ConvertRequest> = {}): ConvertRequest => ({
  outcome: 'converted',
  onDuplicate: 'fail',
  fieldPolicy: 'fill-empty',
  dryRun: false,
  createMissingFields: false,
  ...r,
});

function runOf(w: World, r: Partial<ConvertRequest>, leadId = w.lead.id): ConversionRun {
  return {
    conversionId: newId('cnv'),
    leadId,
    request: request(r),
    caller: ownerCaller(w),
  };
}

describe('the lead-conversion state machine on local Step Functions', () => {
  let h: Harness;
  let arn: string;
  beforeAll(async () => {
    useLocalRuntimeFromThisProcess();
    h = await startHarness({ 'conversion-tasks': tasks });
    arn = h.sfn.register({
      id: spec.id,
      type: spec.type,
      definition: readFileSync(spec.file, 'utf8'),
      substitutions: { ConversionTasksFunctionArn: h.sfn.functionArn('conversion-tasks') },
    });
  });
  afterAll(() => h.close());

  const start = async (run: ConversionRun) => {
    calls.length = 0;
    return h.client.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(run) }));
  };

  it('maps, validates, checks duplicates, commits and carries documents, in that order', async () => {
    const w = await world();
    const result = await start(runOf(w, { contact: { create: {} }, deal: { create: {} } }));
    expect(result.status).toBe('SUCCEEDED');
    const out = JSON.parse(result.output!);
    expect(out).toMatchObject({ kind: 'converted', replayed: false, conversion: { leadId: w.lead.id } });
    expect(calls).toEqual(['map', 'validate', 'duplicates', 'commit', 'carry']);
    expectStatus(await call('GET', `/v1/contacts/${out.conversion.contactId}`, { key: w.key }), 200);
  });

  it('answers the plan on a dry run without committing', async () => {
    const w = await world();
    const result = await start(runOf(w, { contact: { create: {} }, dryRun: true }));
    expect(JSON.parse(result.output!)).toMatchObject({ kind: 'plan', plan: { dryRun: true } });
    expect(calls).toEqual(['map', 'validate', 'duplicates', 'plan']);
  });

  it('replays a conversion made by the same request, skipping all but carrying documents', async () => {
    const w = await world();
    const run = { ...runOf(w, { contact: { create: {} } }), idempotency: { keyHash: 'k', requestHash: 'r' } };
    const first = JSON.parse((await start(run)).output!);
    const again = await start({ ...run, conversionId: newId('cnv') });
    expect(JSON.parse(again.output!)).toEqual({ kind: 'converted', replayed: true, conversion: first.conversion });
    expect(calls).toEqual(['map', 'carry']);
  });

  it('fails with the refusal of the step that refused, which the API turns back into its problem', async () => {
    const w = await world();
    const missingLead = await start(runOf(w, { contact: { create: {} } }, 'lead_01JD3V6Y5Q8W7X2M4N9P0R1S2T'));
    expect(missingLead).toMatchObject({ status: 'FAILED', error: 'NOT_FOUND' });
    expect(calls).toEqual(['map']);

    expectStatus(await call('PATCH', '/v1/fields/company/taxId', { key: w.key, body: { required: true } }), 200);
    const missing = await start(runOf(w, { company: { create: {} } }));
    expect(missing).toMatchObject({ status: 'FAILED', error: 'REQUIRED_FIELDS_MISSING' });
    expect(calls).toEqual(['map', 'validate']);
    const problem = refusalOf(missing.error, missing.cause) as DomainError;
    expect(problem).toBeInstanceOf(DomainError);
    expect(problem.errors).toMatchObject([{ path: 'company.taxId', label: 'Tax id (TIN)' }]);

    const dupe = await create(w.key, 'contact', { firstName: 'J', emails: [w.lead.email] });
    const duplicates = await start(runOf(w, { contact: { create: {} } }));
    expect(duplicates).toMatchObject({ status: 'FAILED', error: 'CONFLICT' });
    expect(calls).toEqual(['map', 'validate', 'duplicates']);
    const conflict = refusalOf(duplicates.error, duplicates.cause) as DomainError & { extensions: any };
    expect(conflict.extensions.candidates).toMatchObject([{ id: dupe.id, matchedOn: 'email' }]);
  });

  it('reads a Lambda-shaped Cause (AWS) the same as the local one', () => {
    const carried = JSON.stringify({ detail: 'No lead.', errors: [] });
    const aws = JSON.stringify({ errorType: 'NOT_FOUND', errorMessage: carried, trace: [] });
    expect(refusalOf('NOT_FOUND', aws)).toMatchObject({ code: 'NOT_FOUND', message: 'No lead.' });
    expect(refusalOf('TypeError', 'x is not a function')).not.toBeInstanceOf(DomainError);
  });

  it('retries a step that fails once as unavailable, and succeeds', async () => {
    const w = await world();
    failures.set('duplicates', { name: 'UNAVAILABLE' });
    const result = await start(runOf(w, { contact: { create: {} } }));
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toEqual(['map', 'validate', 'duplicates', 'duplicates', 'commit', 'carry']);
  });

  it('treats a retried commit whose first attempt committed as the success it was, writing nothing twice', async () => {
    const w = await world();
    failures.set('commit', { name: 'UNAVAILABLE', after: true });
    const result = await start(runOf(w, { contact: { create: {} }, company: { create: {} } }));
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toEqual(['map', 'validate', 'duplicates', 'commit', 'commit', 'carry']);
    const { conversion } = JSON.parse(result.output!);
    const contacts = expectStatus(await call('GET', '/v1/contacts?limit=100', { key: w.key }), 200).body.items;
    expect(contacts.map((c: any) => c.id)).toEqual([conversion.contactId]);
    const listed = expectStatus(await call('GET', `/v1/leads/${w.lead.id}/conversions`, { key: w.key }), 200).body;
    expect(listed.items).toHaveLength(1);
  });

  it('still answers the committed conversion when carrying documents fails, marked pending; a retry finishes it', async () => {
    const w = await world();
    const doc = await uploadDocument(w.key, 'brief', { links: [{ entity: 'lead', id: w.lead.id }] });
    failures.set('carry', { name: 'Boom' });
    const run = { ...runOf(w, { contact: { create: {} } }), idempotency: { keyHash: 'k2', requestHash: 'r2' } };
    const result = await start(run);
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output!)).toMatchObject({
      kind: 'converted',
      documentsPending: true,
      conversion: { documents: [] },
    });
    const retry = JSON.parse((await start({ ...run, conversionId: newId('cnv') })).output!);
    expect(retry).toMatchObject({ kind: 'converted', replayed: true, conversion: { documents: [doc.id] } });
  });

  it('leaves a conversion cut off after its commit documentsPending, and the sweeper carries its documents', async () => {
    const w = await world();
    const doc = await uploadDocument(w.key, 'brief', { links: [{ entity: 'lead', id: w.lead.id }] });
    let reached!: () => void;
    let release!: (e: Error) => void;
    const entered = new Promise<void>((r) => (reached = r));
    stall = { step: 'carry', reached, held: new Promise<never>((_, reject) => (release = reject)) };
    const run = runOf(w, { contact: { create: {} }, deal: { create: {} } });
    const execution = start(run);
    await entered;
    // The workflow is past its commit and will never carry: what a killed server leaves.
    const [stored] = expectStatus(await call('GET', `/v1/leads/${w.lead.id}/conversions`, { key: w.key }), 200).body
      .items;
    expect(stored).toMatchObject({ id: run.conversionId, documents: [], documentsPending: true });
    expect(calls).toEqual(['map', 'validate', 'duplicates', 'commit', 'carry']);

    const swept = await carryPending(conversionDeps, new Date(Date.parse(stored.at) + CARRY_GRACE_MS + 1000));
    expect(swept.carried).toContain(run.conversionId);
    const [done] = expectStatus(await call('GET', `/v1/leads/${w.lead.id}/conversions`, { key: w.key }), 200).body
      .items;
    expect(done).toMatchObject({ documents: [doc.id], documentsPending: false });
    const deal = expectStatus(await call('GET', `/v1/deals/${stored.dealId}/documents`, { key: w.key }), 200).body;
    expect(deal.items.map((d: any) => d.id)).toEqual([doc.id]);

    // Let the stalled execution end (its carry fails over to the DocumentsPending state) so nothing is left running.
    stall = undefined;
    release(Object.assign(new Error('cut off'), { name: 'Lambda.Unknown' }));
    expect((await execution).status).toBe('SUCCEEDED');
  });
});
