import { DomainError, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import { outgoingLinks } from '#core/records/compose';
import { searchTokens } from '#core/records/search-tokens';
import { schemaOf } from '#core/records/schema-access';
import type { CrmRecord, RecordRef } from '#core/records/record';
import { timelineFor } from '#core/records/timeline-diff';
import { recordWrite } from '#core/records/write-record';
import type { TenantCaller } from '#core/tenancy/caller';
import { UNDO_WINDOW_MS, type Conversion } from '#core/conversion/conversion';
import type { ConversionDeps } from '#core/conversion/ports';
import { writableLead } from '#core/conversion/prepare';
import { keyActor } from '#core/actor';
import { tombstone } from '#core/records/events';

const refKey = (r: RecordRef) => `${r.entity}#${r.id}`;
const conflict = (message: string): never => {
  throw new DomainError('CONFLICT', message);
};

/** Created records must be as the conversion left them: same version, no links or documents from elsewhere. */
async function checkCreated(deps: ConversionDeps, tenantId: string, conversion: Conversion): Promise<CrmRecord[]> {
  const found = conversion.created.length ? await deps.records.records.getMany(tenantId, conversion.created) : [];
  // Links from records this undo writes anyway (created ones, restored ones) go with those writes.
  const ours = new Set([...conversion.created, ...conversion.snapshots.map((s) => s.ref)].map(refKey));
  for (const ref of conversion.created) {
    const record = found.find((r) => r.id === ref.id);
    if (!record) conflict(`The ${ref.entity} ${ref.id} the conversion created is gone; it cannot be undone.`);
    if (record!.version !== 1)
      conflict(`The ${ref.entity} ${ref.id} changed since the conversion; it cannot be undone.`);
    const held = await deps.conversions.attachments(tenantId, ref);
    if (held.links.some((l) => !ours.has(refKey(l))))
      conflict(`The ${ref.entity} ${ref.id} has since been linked to other records; it cannot be undone.`);
    if (held.documents.some((d) => !conversion.documents.includes(d)))
      conflict(`The ${ref.entity} ${ref.id} has since gained documents; it cannot be undone.`);
  }
  return found;
}

/**
 * `POST /v1/leads/{id}/conversions/{cid}/undo`, within 24 hours: removes what the conversion
 * created, puts back the lead and every record it filled or linked, atomically, each on the
 * version the conversion left (`409` if anything changed since). Carried documents are unlinked
 * from the removed records afterwards.
 */
export async function undoConversion(
  deps: ConversionDeps,
  caller: TenantCaller,
  leadId: string,
  conversionId: string,
): Promise<Conversion> {
  await writableLead(deps, caller, leadId);
  const conversion =
    (await deps.conversions.get(caller.tenantId, leadId, conversionId)) ?? notFound('conversion', conversionId);
  if (conversion.undo) conflict('The conversion was already undone.');
  if (Date.now() - Date.parse(conversion.at) > UNDO_WINDOW_MS)
    conflict('A conversion can be undone within 24 hours; this one is older.');
  const created = await checkCreated(deps, caller.tenantId, conversion);
  const schema = await schemaOf(deps.records, caller);
  const at = now();
  const actor = keyActor(caller);
  const restores = [];
  for (const snap of conversion.snapshots) {
    const current = await deps.records.records.get(caller.tenantId, snap.ref.entity, snap.ref.id);
    if (!current || current.version !== snap.versionAfter)
      conflict(`The ${snap.ref.entity} ${snap.ref.id} changed since the conversion; it cannot be undone.`);
    const next: CrmRecord = {
      ...current!,
      fields: snap.fields,
      custom: snap.custom,
      ownerId: snap.ownerId,
      version: current!.version + 1,
      updatedAt: at,
      updatedBy: caller.userId,
    };
    const fields = schema.fields.filter((f) => f.entity === snap.ref.entity);
    const timeline = [
      ...timelineFor(current, next, fields, actor),
      {
        id: newId('evt'),
        at,
        actor,
        type: 'conversion_undone',
        changes: [{ field: 'conversionId', from: conversionId, to: null }],
      },
    ];
    restores.push(
      recordWrite(current!, next, timeline, actor, {
        conversionId,
        ...(snap.ref.entity === 'lead' ? { type: 'lead.conversion_undone' as const } : {}),
      }),
    );
  }
  const removals = created.map((record) => ({
    record,
    searchTokens: searchTokens(record),
    backLinks: outgoingLinks(record).backLinks,
    tombstone: tombstone(record, actor, at, { conversionId }),
  }));
  const undo = { at, by: caller.userId };
  const outcome = await deps.conversions.undo(caller.tenantId, { conversion, undo, removals, restores });
  if (outcome === 'conflict') conflict('A record of the conversion changed meanwhile; it cannot be undone.');
  if (conversion.documents.length)
    await deps.documents.release(caller.tenantId, conversion.documents, conversion.created, actor);
  return { ...conversion, undo };
}
