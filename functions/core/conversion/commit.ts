import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError } from '#core/errors';
import { ID_PREFIX, type Entity } from '#core/records/entities';
import { newId, now } from '#core/ids';
import { assertCanWrite } from '#core/records/access';
import { isEmptyValue } from '#core/records/built-in-fields';
import { composeCustom, composeFields, type RecordInput } from '#core/records/compose';
import type { RecordWrite, TenantRecordSchema } from '#core/records/ports';
import type { Actor, CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import { timelineFor } from '#core/records/timeline-diff';
import { recordWrite } from '#core/records/write-record';
import { WriteConflict } from '#core/write-conflict';
import type { Conversion, ConvertedTo, FieldRef, Snapshot } from '#core/conversion/conversion';
import { createMissingFields } from '#core/conversion/missing-fields';
import type { ConversionDeps } from '#core/conversion/ports';
import { alreadyConverted, writableLead } from '#core/conversion/prepare';
import type { FieldPolicy, Target } from '#core/conversion/request';
import type { ConversionDraft, TargetPlan } from '#core/conversion/run';
import { composeNew } from '#core/conversion/validate';
import { keyActor } from '#core/actor';

const entry = (type: string, conversionId: string, leadId: string, actor: Actor, at: string): TimelineEntry => ({
  id: newId('evt'),
  at,
  actor,
  type,
  changes: [
    { field: 'conversionId', from: null, to: conversionId },
    { field: 'leadId', from: null, to: leadId },
  ],
});

/** The fields of `values` an existing record takes: its empty ones, or every one with `overwrite`. */
function fillPatch(existing: CrmRecord, values: RecordInput, policy: FieldPolicy, schema: TenantRecordSchema) {
  const patch: RecordInput = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === 'customFields' || name === 'ownerId') continue;
    if (policy === 'overwrite' || isEmptyValue(existing.fields[name])) patch[name] = value;
  }
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values.customFields ?? {})) {
    const field = schema.fields.find((f) => f.entity === existing.entity && f.name === name);
    if (field && (policy === 'overwrite' || isEmptyValue(existing.custom[field.id]))) custom[name] = value;
  }
  if (Object.keys(custom).length) patch.customFields = custom;
  return patch;
}

interface Built {
  writes: RecordWrite[];
  mentions: Array<{ ref: RecordRef; entry: TimelineEntry }>;
  ids: Record<Target, string | null>;
  created: RecordRef[];
  linked: RecordRef[];
  filled: Conversion['filled'];
  snapshots: Snapshot[];
}

const snapshotOf = (r: CrmRecord, versionAfter: number): Snapshot => ({
  ref: { entity: r.entity, id: r.id },
  fields: r.fields,
  custom: r.custom,
  ownerId: r.ownerId,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
  versionAfter,
});

/** Company, then contact (linked to the company), then deal (linked to both): each created or filled. */
async function buildTargets(
  deps: ConversionDeps,
  draft: ConversionDraft,
  schema: TenantRecordSchema,
  at: string,
): Promise<Built> {
  const { caller } = draft;
  const actor = keyActor(caller);
  const out: Built = {
    writes: [],
    mentions: [],
    ids: { company: null, contact: null, deal: null },
    created: [],
    linked: [],
    filled: [],
    snapshots: [],
  };
  const links = (t: Target): RecordInput => {
    if (t === 'contact' && out.ids.company) return { companyId: out.ids.company };
    if (t === 'deal')
      return {
        ...(out.ids.company ? { companyId: out.ids.company } : {}),
        ...(out.ids.contact ? { contactIds: [out.ids.contact] } : {}),
      };
    return {};
  };
  const fieldsOf = (e: Entity) => schema.fields.filter((f) => f.entity === e);
  for (const t of ['company', 'contact', 'deal'] as const) {
    const plan: TargetPlan | undefined = draft.targets[t];
    if (!plan) continue;
    if (plan.action === 'create') {
      const values = { ...plan.values, ...links(t) };
      const { fields, custom } = composeNew(schema, t, values);
      const record: CrmRecord = {
        id: newId(ID_PREFIX[t]),
        entity: t,
        version: 1,
        ownerId: values.ownerId === undefined ? null : (values.ownerId ?? null),
        fields,
        custom,
        createdAt: at,
        updatedAt: at,
        createdBy: caller.userId,
        updatedBy: caller.userId,
      };
      const timeline = [
        ...timelineFor(undefined, record, fieldsOf(t), actor),
        entry('converted_from_lead', draft.conversionId, draft.leadId, actor, at),
      ];
      out.writes.push(
        recordWrite(undefined, record, timeline, actor, { source: 'conversion', conversionId: draft.conversionId }),
      );
      out.ids[t] = record.id;
      out.created.push({ entity: t, id: record.id });
      continue;
    }
    const existing = await deps.records.records.get(caller.tenantId, t, plan.existingId!);
    if (!existing || existing.deletingAt)
      throw new DomainError('VALIDATION', `No ${t} with id ${plan.existingId}.`, [
        { path: `${t}.existingId`, message: `No ${t} with id ${plan.existingId}.` },
      ]);
    out.ids[t] = existing.id;
    out.linked.push({ entity: t, id: existing.id });
    const patch = fillPatch(existing, { ...plan.values, ...links(t) }, draft.request.fieldPolicy, schema);
    const next: CrmRecord = {
      ...existing,
      fields: composeFields(t, schema, patch, existing),
      custom: composeCustom(t, schema, patch, existing),
      version: existing.version + 1,
      updatedAt: at,
      updatedBy: caller.userId,
    };
    const changes = timelineFor(existing, next, fieldsOf(t), actor);
    const converted = entry('converted_from_lead', draft.conversionId, draft.leadId, actor, at);
    if (!changes.length) {
      out.mentions.push({ ref: { entity: t, id: existing.id }, entry: converted });
      continue;
    }
    // A duplicate found and linked is filled like any edit: only by someone who may change it.
    assertCanWrite(caller, existing.ownerId);
    out.writes.push(recordWrite(existing, next, [...changes, converted], actor, { conversionId: draft.conversionId }));
    out.filled.push({ entity: t, id: existing.id, fields: changes.flatMap((c) => c.changes.map((x) => x.field)) });
    out.snapshots.push(snapshotOf(existing, next.version));
  }
  return out;
}

/**
 * The visitor's message (`comments`) has no field on the targets: it becomes a `note` on the record
 * the sales team works from, the deal, else the contact, else the company. A separate timeline
 * item in the same transaction, so it suits a created record and a linked one alike.
 */
function visitorNote(lead: CrmRecord, ids: Built['ids'], actor: Actor, at: string) {
  const text = lead.fields.comments;
  const target = (['deal', 'contact', 'company'] as const).find((t) => ids[t]);
  if (typeof text !== 'string' || !text || !target) return undefined;
  const entry: TimelineEntry = {
    id: newId('evt'),
    at,
    actor,
    type: 'note',
    changes: [{ field: 'text', from: null, to: text }],
  };
  return { ref: { entity: target, id: ids[target]! }, entry };
}

/** The lead moved to its pipeline's converted (or junk) stage and stamped with what it became. */
function closedLead(lead: CrmRecord, schema: TenantRecordSchema, convertedTo: ConvertedTo, userId: string): CrmRecord {
  const pipeline = schema.pipelines.find((p) => p.id === lead.fields.pipelineId);
  const stage = pipeline?.stages.find((s) => s.semantics === convertedTo.outcome);
  if (!stage) throw new DomainError('CONFLICT', `The lead pipeline has no ${convertedTo.outcome} stage.`);
  return {
    ...lead,
    fields: { ...lead.fields, stageId: stage.id, convertedTo },
    version: lead.version + 1,
    updatedAt: convertedTo.at,
    updatedBy: userId,
  };
}

async function attempt(deps: ConversionDeps, draft: ConversionDraft): Promise<Conversion> {
  const { caller } = draft;
  const lead = await writableLead(deps, caller, draft.leadId);
  if (lead.fields.convertedTo) return alreadyConverted(deps, draft, lead);
  let fieldsCreated: FieldRef[] = [];
  if (draft.fieldsToCreate.length)
    fieldsCreated = await createMissingFields(deps.records, caller, draft.fieldsToCreate);
  // Fresh, not the cached schema of the caller's schema version: fields may have been created just now.
  const schema = await deps.records.schema.load(
    caller.tenantId,
    draft.fieldsToCreate.length ? undefined : caller.tenant.schemaVersion,
  );
  const at = now();
  const built = await buildTargets(deps, draft, schema, at);
  const convertedTo: ConvertedTo = {
    conversionId: draft.conversionId,
    outcome: draft.request.outcome,
    contactId: built.ids.contact,
    companyId: built.ids.company,
    dealId: built.ids.deal,
    at,
    by: caller.userId,
  };
  const next = closedLead(lead, schema, convertedTo, caller.userId);
  const actor = keyActor(caller);
  const leadTimeline = [
    ...timelineFor(
      lead,
      next,
      schema.fields.filter((f) => f.entity === 'lead'),
      actor,
    ),
    { ...entry('converted', draft.conversionId, draft.leadId, actor, at), type: draft.request.outcome },
  ];
  const conversion: Conversion = {
    id: draft.conversionId,
    leadId: lead.id,
    outcome: draft.request.outcome,
    ...(draft.request.reason !== undefined ? { reason: draft.request.reason } : {}),
    contactId: built.ids.contact,
    companyId: built.ids.company,
    dealId: built.ids.deal,
    created: built.created,
    linked: built.linked,
    filled: built.filled,
    unmapped: draft.unmapped,
    fieldsCreated,
    documents: [],
    // Until carried: a workflow cut off after this commit leaves it to the sweeper (sweep-carries.ts).
    ...(built.created.length + built.linked.length ? { documentsPending: true } : {}),
    at,
    by: caller.userId,
    snapshots: [snapshotOf(lead, next.version), ...built.snapshots],
    ...(draft.idempotency
      ? { idempotency: { keyHash: draft.idempotency.keyHash, requestHash: draft.idempotency.requestHash } }
      : {}),
  };
  // The lead's write announces the conversion itself, not a `lead.updated`: one change, one event.
  const writes = [
    ...built.writes,
    recordWrite(lead, next, leadTimeline, actor, { type: 'lead.converted', conversionId: draft.conversionId }),
  ];
  const note = visitorNote(lead, built.ids, actor, at);
  const mentions = note ? [...built.mentions, note] : built.mentions;
  const outcome = await deps.conversions.commit(caller.tenantId, { writes, mentions, conversion });
  if (outcome === 'committed') return conversion;
  if (outcome === 'exists') return (await deps.conversions.get(caller.tenantId, lead.id, conversion.id))!;
  throw new WriteConflict('version', 'The lead or a record it links to changed meanwhile.');
}

/**
 * The commit step: one transaction creates or fills the targets, links them, closes the lead and
 * stores the conversion. Conditional on the conversion id, so a retried step after a timeout finds
 * its own commit and succeeds; a lost race re-reads and, finding the lead converted, answers as
 * `prepare` would (replay or `409`).
 */
export async function commitConversion(deps: ConversionDeps, draft: ConversionDraft): Promise<Conversion> {
  if (draft.replay) return draft.replay;
  return retryConflicts(deps.records.conflictRetry ?? DEFAULT_CONFLICT_RETRY, true, 'lead', () => attempt(deps, draft));
}
