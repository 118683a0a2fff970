import { describe, expect, it } from 'vitest';
import { newId } from '#core/ids';
import { CARRY_GRACE_MS } from '#core/conversion/conversion';
import { carryPending } from '#core/conversion/sweep-carries';
import type { ConversionRun } from '#core/conversion/run';
import { handler as conversionTask } from '#tasks/conversion-tasks';
import { conversionDeps } from '#wiring/conversion';
import { call, expectStatus } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { conversionOf, conversions, convert, world, type World, ownerCaller } from './helpers';

// A conversion whose workflow dies after its commit step (server killed, Express run cut off) never
// reaches the carry step. Here the workflow's own task Lambda runs map, validate, duplicates and
// commit in this process, exactly as the state machine calls them, and stops there: the state such
// a cut-off leaves. The scheduled sweeper then carries the documents.

useLocalRuntimeFromThisProcess();

const documentsOf = async (key: string, path: string): Promise<string[]> =>
  expectStatus(await call('GET', `${path}/documents?limit=100`, { key }), 200).body.items.map((d: any) => d.id);

/** The workflow's steps up to and including the commit, then nothing: cut off. */
async function convertCutOffAfterCommit(w: World) {
  const run: ConversionRun = {
    conversionId: newId('cnv'),
    leadId: w.lead.id,
    request: {
      outcome: 'converted',
      onDuplicate: 'fail',
      fieldPolicy: 'fill-empty',
      dryRun: false,
      createMissingFields: false,
      contact: { create: {} },
      deal: { create: {} },
    },
    caller: ownerCaller(w),
  };
  let draft: any = await conversionTask({ step: 'map', draft: run as never });
  draft = await conversionTask({ step: 'validate', draft: draft as never });
  draft = await conversionTask({ step: 'duplicates', draft: draft as never });
  return (await conversionTask({ step: 'commit', draft: draft as never })) as any;
}

describe('documents of a conversion cut off after its commit', () => {
  it('are reported pending, then carried by the sweeper once the workflow had its time', async () => {
    const w = await world();
    const doc = await uploadDocument(w.key, 'the brief', { links: [{ entity: 'lead', id: w.lead.id }] });
    const committed = await convertCutOffAfterCommit(w);

    const [pending] = await conversions(w.key, w.lead.id);
    expect(pending).toMatchObject({ id: committed.id, documents: [], documentsPending: true });
    expect(await documentsOf(w.key, `/v1/deals/${committed.dealId}`)).toEqual([]);

    // Within the grace a live workflow still has, the sweeper leaves it alone.
    await carryPending(conversionDeps, new Date());
    expect((await conversions(w.key, w.lead.id))[0]).toMatchObject({ documentsPending: true });

    const later = new Date(Date.parse(committed.at) + CARRY_GRACE_MS + 1000);
    await carryPending(conversionDeps, later);
    const [done] = await conversions(w.key, w.lead.id);
    expect(done).toMatchObject({ id: committed.id, documents: [doc.id], documentsPending: false });
    expect(await documentsOf(w.key, `/v1/deals/${committed.dealId}`)).toEqual([doc.id]);
    expect(await documentsOf(w.key, `/v1/contacts/${committed.contactId}`)).toEqual([doc.id]);
    const history = expectStatus(await call('GET', `/v1/documents/${doc.id}/timeline`, { key: w.key }), 200).body;
    // The workflow that should have carried them is gone: the sweeper acts as the system, naming the conversion.
    expect(history.items[0]).toMatchObject({ actor: { kind: 'system', name: 'conversion-carry', ref: committed.id } });

    // Done is done: the queue entry went with the carry, so another sweep finds nothing of it.
    const again = await carryPending(conversionDeps, later);
    expect(again.carried).not.toContain(committed.id);
  });

  it('an undone conversion is only taken off the queue; a completed one says documentsPending: false', async () => {
    const w = await world();
    await uploadDocument(w.key, 'the brief', { links: [{ entity: 'lead', id: w.lead.id }] });
    const committed = await convertCutOffAfterCommit(w);
    expectStatus(await call('POST', `/v1/leads/${w.lead.id}/conversions/${committed.id}/undo`, { key: w.key }), 200);
    const swept = await carryPending(conversionDeps, new Date(Date.parse(committed.at) + CARRY_GRACE_MS + 1000));
    expect(swept.carried).toContain(committed.id);
    expect((await conversions(w.key, w.lead.id))[0]).toMatchObject({ documents: [], documentsPending: false });

    const other = await world();
    const c = conversionOf(await convert(other.key, other.lead.id, { contact: { create: {} } }));
    expect(c.documentsPending).toBe(false);
    expect((await conversions(other.key, other.lead.id))[0].documentsPending).toBe(false);
  });
});
