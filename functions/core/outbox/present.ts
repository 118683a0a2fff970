import { readActor } from '#core/actor';
import { earlierValues } from '#core/values';
import type { Approval } from '#core/approvals/approval';
import { presentApproval } from '#core/approvals/present';
import type { Document } from '#core/documents/document';
import { presentDocument } from '#core/documents/present';
import type { OutboxEvent } from '#core/records/events';
import { presentSubmission } from '#core/intake/present';
import type { Submission } from '#core/intake/submission';
import { presentSend } from '#core/sending/events';
import type { Send } from '#core/sending/send';
import { presentAnswer } from '#core/sending/page-events';
import type { Acceptance } from '#core/sending/share-page';
import { presentRecord } from '#core/records/present';
import type { TenantRecordSchema } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';

/** Meta members that every change moves: not "what changed". */
const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'customFields']);

/** `previous` stored holds raw values (`null`: absent); the record before is the one after with them put back. */
function before(after: CrmRecord, previous: NonNullable<OutboxEvent['previous']>): CrmRecord {
  const put = (values: Record<string, unknown>, back: Record<string, unknown>) => {
    const out = { ...values };
    for (const [k, v] of Object.entries(back)) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  return {
    ...after,
    fields: put(after.fields, previous.fields),
    custom: put(after.custom, previous.custom),
    ownerId: previous.ownerId === undefined ? after.ownerId : previous.ownerId,
  };
}

/** The changed members' earlier values, as the API presented them (custom fields under `customFields`). */
function presentPrevious(after: CrmRecord, stored: NonNullable<OutboxEvent['previous']>, schema: TenantRecordSchema) {
  const [was, is] = [presentRecord(before(after, stored), schema), presentRecord(after, schema)] as Array<
    Record<string, unknown>
  >;
  const custom = earlierValues(was.customFields as Record<string, unknown>, is.customFields as Record<string, unknown>);
  return { ...earlierValues(was, is, BOOKKEEPING), ...(Object.keys(custom).length ? { customFields: custom } : {}) };
}

/** What every event says beside its `data`: which change, of what kind, when, by whom. */
const envelopeOf = (tenantId: string, e: OutboxEvent) => ({
  id: e.id,
  type: e.type,
  tenantId,
  occurredAt: e.occurredAt,
  actor: readActor(e.actor),
});

/**
 * The envelope a client reads: `{id, type, tenantId, occurredAt, actor, data, previous?}` plus where
 * the change came from. `data` is the stored snapshot presented as the API answers it now; a
 * tombstone (or a snapshot too large to keep) is the id and the version.
 */
export function presentEvent(tenantId: string, e: OutboxEvent & { truncated?: true }, schema: TenantRecordSchema) {
  const { subject, record } = e;
  if (subject.entity === 'document') return presentDocumentEvent(tenantId, e);
  if (
    subject.entity !== 'lead' &&
    subject.entity !== 'contact' &&
    subject.entity !== 'company' &&
    subject.entity !== 'deal'
  )
    return presentOtherEvent(tenantId, e);
  return {
    ...envelopeOf(tenantId, e),
    data: record ? presentRecord(record, schema) : { id: subject.id, version: subject.version },
    ...(record && e.previous ? { previous: presentPrevious(record, e.previous, schema) } : {}),
    ...(e.source !== undefined ? { source: e.source } : {}),
    ...(e.formId !== undefined ? { formId: e.formId } : {}),
    ...(e.submissionId !== undefined ? { submissionId: e.submissionId } : {}),
    ...(e.conversionId !== undefined ? { conversionId: e.conversionId } : {}),
    ...(e.truncated ? { truncated: true as const } : {}),
  };
}

/**
 * A document event: `data` the stored document as GET /v1/documents/{id} shows it (a tombstone, or
 * a snapshot too large to keep: id and version); `previous` the changed members' earlier values.
 */
function presentDocumentEvent(tenantId: string, e: OutboxEvent & { truncated?: true }) {
  const doc = e.document as Document | undefined;
  return {
    ...envelopeOf(tenantId, e),
    data: doc ? presentDocument(doc) : { id: e.subject.id, version: e.subject.version },
    ...(doc && e.documentPrevious ? { previous: e.documentPrevious } : {}),
    ...(e.truncated ? { truncated: true as const } : {}),
  };
}

/**
 * An approval's or an email's event: `approval.started`/`approval.completed` carry the approval as
 * GET /v1/approvals/{id} shows it; `approval.decided` the decided task (its ids, stage, status and
 * the decision with who made it); `email.*` the send as GET /v1/documents/{id}/sends shows it;
 * `document.viewed` the view; `offer.*` the answer as the document's timeline states it;
 * `form.submission_rejected` the submission as GET /v1/forms/{id}/submissions shows it.
 */
function presentOtherEvent(tenantId: string, e: OutboxEvent & { truncated?: true }) {
  const shown =
    e.resource &&
    (e.subject.entity === 'approval'
      ? presentApproval(e.resource as Approval)
      : e.subject.entity === 'email'
        ? presentSend(e.resource as Send)
        : e.subject.entity === 'answer'
          ? presentAnswer(e.resource as Acceptance)
          : e.subject.entity === 'submission'
            ? presentSubmission(e.resource as Submission)
            : e.resource);
  return {
    ...envelopeOf(tenantId, e),
    data: shown ?? { id: e.subject.id, version: e.subject.version },
    ...(e.formId !== undefined ? { formId: e.formId } : {}),
    ...(e.submissionId !== undefined ? { submissionId: e.submissionId } : {}),
    ...(e.truncated ? { truncated: true as const } : {}),
  };
}
