import { createHash } from 'node:crypto';
import type { Form } from '#core/intake/form';
import type { Submission } from '#core/intake/submission';
import { createdSk, entityListPk, formPk, META, submissionSk, submissionStatusPk } from '#store/dynamo/keys';

/** Refused submissions are kept this long: unauthenticated senders cannot grow the log without bound. */
export const REFUSED_KEEP_SECONDS = 7 * 24 * 3600;
/** A sender's event id answers with its first outcome this long (Typeform and Tally retry for hours). */
export const EVENT_KEEP_SECONDS = 30 * 24 * 3600;

export const claimHash = (value: string): string => createHash('sha256').update(value).digest('hex');
export const epochSeconds = (at: Date | string): number => Math.floor(new Date(at).getTime() / 1000);

export function formItem(tenantId: string, form: Form): Record<string, unknown> {
  return {
    pk: formPk(tenantId, form.id),
    sk: META,
    kind: 'form',
    entityPk: entityListPk(tenantId, 'form'),
    createdSk: createdSk(form.createdAt, form.id),
    form,
  };
}

export function submissionItem(tenantId: string, s: Submission, expires = false): Record<string, unknown> {
  return {
    pk: formPk(tenantId, s.formId),
    sk: submissionSk(s.id),
    kind: 'submission',
    entityPk: submissionStatusPk(tenantId, s.formId, s.status),
    createdSk: createdSk(s.receivedAt, s.id),
    submission: s,
    ...(expires ? { ttl: epochSeconds(s.receivedAt) + REFUSED_KEEP_SECONDS } : {}),
  };
}
