import { createHash } from 'node:crypto';
import { DomainError, forbidden, type ErrorCode } from '#core/errors';
import { newId } from '#core/ids';
import type { IntakeDeps } from '#core/intake/deps';
import type { Form } from '#core/intake/form';
import { checkOrigin, checkRate, checkSize, hashIp, looksLikeSpam, refusalLogged } from '#core/intake/guards';
import { intakeCaller } from '#core/intake/intake-caller';
import { mapSubmission, renameErrors, UTM_KEYS, validateLead, type MappedLead } from '#core/intake/lead-input';
import { openForm } from '#core/intake/open-form';
import { readPayload, type FieldValue } from '#core/intake/payload';
import { ClaimTaken, type SubmissionCommit } from '#core/intake/ports';
import { findRepeat, repeatNote } from '#core/intake/repeats';
import { isSigned, verifySignature } from '#core/intake/signatures';
import { liveSecrets } from '#core/intake/signing-secret';
import type { Channel, Outcome, Submission, SubmissionContext } from '#core/intake/submission';
import type { RecordInput } from '#core/records/compose';
import { schemaOf } from '#core/records/schema-access';
import { prepareCreate } from '#core/records/write-record';
import type { Tenant } from '#core/tenancy/caller';

export interface IncomingSubmission {
  tenantId: string;
  formId: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** Decodes the body by its content type (JSON, urlencoded, multipart); throws 400/415. */
  decode: () => Promise<unknown>;
  sourceIp: string;
  query: Record<string, string>;
}

export interface Received {
  outcome: Outcome;
  channel: Channel;
  /** The sender asked again with an event id already answered: this is that answer. */
  replayed: boolean;
  thankYouUrl?: string;
  /** The request's origin when the form allows it: the browser may read the answer (CORS). */
  allowOrigin?: string;
}

/** A refusal the sender is told about; a browser that wants a page is sent to the form's error URL. */
export class RefusedSubmission extends DomainError {
  constructor(
    cause: DomainError,
    readonly errorUrl: string | undefined,
    readonly allowOrigin: string | undefined,
  ) {
    super(cause.code, cause.message, cause.errors, cause.headers);
  }
}

// Refusals a sender caused; outages and conflicts are not the sender's doing and are retried, not logged.
const LOGGED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
]);

function errorRedirect(form: Form, channel: Channel, error: DomainError): string | undefined {
  if (channel !== 'browser' || !form.errorUrl) return undefined;
  const url = new URL(form.errorUrl);
  url.searchParams.set('error', error.code.toLowerCase());
  const fields = error.errors.map((e) => e.path).filter(Boolean);
  if (fields.length) url.searchParams.set('fields', fields.join(','));
  return url.toString();
}

export const allowedOrigin = (form: Form, origin: string | undefined): string | undefined =>
  origin && form.allowedOrigins.includes(origin) ? origin : undefined;

/** A CORS preflight: the form's origins only (404 for an unknown form, 403 for another origin). */
export async function preflight(deps: IntakeDeps, tenantId: string, formId: string, origin: string | undefined) {
  const { form } = await openForm(deps, tenantId, formId);
  return allowedOrigin(form, origin) ?? forbidden(`Origin ${origin ?? '(none)'} may not post to this form.`);
}

function contextOf(incoming: IncomingSubmission, channel: Channel): SubmissionContext {
  const utm = Object.fromEntries(UTM_KEYS.filter((k) => incoming.query[k]).map((k) => [k, incoming.query[k]]));
  return {
    channel,
    utm,
    referrer: incoming.headers.referer?.slice(0, 2048),
    userAgent: incoming.headers['user-agent']?.slice(0, 512),
    ipHash: hashIp(incoming.tenantId, incoming.sourceIp),
  };
}

/** Equal leads give equal keys, however the sender ordered or spaced the fields. */
function contentKey(input: RecordInput): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * The public intake: checks who sent it (signature or origin), how much and how often, decodes
 * the provider's payload, and commits the submission with its lead in one transaction. A sender's
 * event id or the same content within the dedupe window answers what the first one got.
 */
export async function receiveSubmission(
  deps: IntakeDeps,
  incoming: IncomingSubmission,
  now = new Date(),
): Promise<Received> {
  const { form, tenant } = await openForm(deps, incoming.tenantId, incoming.formId);
  const channel: Channel = isSigned(form.provider, incoming.headers) ? 'signed' : 'browser';
  const context = contextOf(incoming, channel);
  const seen: { fields: Record<string, FieldValue>; eventId?: string } = { fields: {} };
  try {
    return await receive(deps, form, tenant, incoming, context, seen, now);
  } catch (e) {
    if (!(e instanceof DomainError) || !LOGGED.has(e.code)) throw e;
    if (await refusalLogged(deps, tenant.id, form.id, now)) {
      const refused: Submission = {
        id: newId('sub'),
        formId: form.id,
        status: 'rejected',
        reason: e.message,
        ...(e.errors.length ? { errors: e.errors } : {}),
        ...context,
        ...(seen.eventId ? { eventId: seen.eventId } : {}),
        fields: seen.fields,
        receivedAt: now.toISOString(),
      };
      await deps.intake.log(tenant.id, refused, true);
    }
    throw new RefusedSubmission(e, errorRedirect(form, channel, e), allowedOrigin(form, incoming.headers.origin));
  }
}

async function receive(
  deps: IntakeDeps,
  form: Form,
  tenant: Tenant,
  incoming: IncomingSubmission,
  context: SubmissionContext,
  seen: { fields: Record<string, FieldValue>; eventId?: string },
  now: Date,
): Promise<Received> {
  const { channel } = context;
  const answer = (outcome: Outcome, replayed = false): Received => ({
    outcome,
    channel,
    replayed,
    thankYouUrl: form.thankYouUrl,
    allowOrigin: allowedOrigin(form, incoming.headers.origin),
  });
  checkOrigin(form, channel, incoming.headers.origin);
  checkSize(channel, incoming.body?.length ?? 0);
  // Counted while the submission is checked and looked up (one round trip less); its verdict still
  // comes first, before any answer and before anything is written.
  const rate = checkRate(deps, tenant.id, form, context.ipHash, now);
  rate.catch(() => undefined);
  let checked: Awaited<ReturnType<typeof examine>>;
  try {
    checked = await examine(deps, form, tenant, incoming, context, seen, now);
  } catch (e) {
    await rate;
    // A redelivery is answered as the first time, even if the form changed since.
    const first = seen.eventId && (await deps.intake.eventOutcome(tenant.id, form.id, seen.eventId));
    if (first) return answer(first, true);
    throw e;
  }
  await rate;
  const { payload, mapped, input, repeat } = checked;
  const eventId = seen.eventId;
  const base = {
    id: newId('sub'),
    formId: form.id,
    ...context,
    ...(eventId ? { eventId } : {}),
    fields: payload.fields,
    receivedAt: now.toISOString(),
  };

  // Claims are taken in the commit's transaction, not read before: the common path is one write,
  // and a redelivery or duplicate finds the claim taken and answers what the first one got.
  const commitOrReplay = async (commit: SubmissionCommit): Promise<Received> => {
    try {
      await deps.intake.commit(tenant.id, commit);
      return answer(commit.outcome);
    } catch (e) {
      if (!(e instanceof ClaimTaken)) throw e;
      if (e.claim === 'event') {
        const first = eventId && (await deps.intake.eventOutcome(tenant.id, form.id, eventId));
        if (first) return answer(first, true);
      }
      const claim = commit.content && (await deps.intake.contentClaim(tenant.id, form.id, commit.content.key, now));
      if (!claim) throw e;
      return commitOrReplay(duplicateOf(claim.submissionId, claim.leadId));
    }
  };
  const duplicateOf = (submissionId: string, leadId: string | null): SubmissionCommit => ({
    submission: {
      ...base,
      status: 'duplicate',
      reason: `same as ${submissionId}`,
      duplicateOf: submissionId,
      ...(leadId ? { leadId } : {}),
    },
    outcome: { status: 200, submissionId: base.id, leadId, result: 'duplicate' },
    eventKey: eventId,
  });

  // A bot gets the answer a person gets (a lead id included), so it learns nothing.
  if (form.honeypotField && isFilled(payload.fields[form.honeypotField])) {
    const leadId = newId('lead');
    return commitOrReplay({
      submission: {
        ...base,
        status: 'spam',
        reason: `honeypot ${form.honeypotField} filled`,
        leadId,
        ...(input ? { leadInput: input } : {}),
      },
      outcome: { status: 201, submissionId: base.id, leadId, result: 'accepted' },
      eventKey: eventId,
    });
  }
  if (!input) throw new Error('unreachable: examine refuses an invalid lead unless it is spam');

  const spam = looksLikeSpam(payload.fields);
  if (spam) {
    return commitOrReplay({
      submission: { ...base, status: 'spam', reason: spam, leadId: newId('lead'), leadInput: input },
      outcome: { status: 202, submissionId: base.id, leadId: null, result: 'quarantined' },
      eventKey: eventId,
    });
  }

  const content = { key: contentKey(input), until: new Date(now.getTime() + form.dedupeWindowSeconds * 1000) };
  const { record, write } = await createLead(deps, tenant, input, mapped, base.id);
  if (repeat) {
    record.fields.repeatOf = repeat;
    write.timeline[0].changes.push({ field: 'repeatOf', from: null, to: repeat });
  }
  const status = repeat ? 'repeat' : 'accepted';
  return commitOrReplay({
    submission: {
      ...base,
      status,
      leadId: record.id,
      ...(repeat ? { repeatOf: repeat, reason: `same email or phone as ${repeat.entity} ${repeat.id}` } : {}),
    },
    outcome: { status: 201, submissionId: base.id, leadId: record.id, result: status },
    eventKey: eventId,
    content,
    lead: write,
    ...(repeat ? { note: repeatNote(repeat, record.id, base.id) } : {}),
  });
}

/** Signature, payload, the lead it describes and the record it repeats: everything before the write. */
async function examine(
  deps: IntakeDeps,
  form: Form,
  tenant: Tenant,
  incoming: IncomingSubmission,
  context: SubmissionContext,
  seen: { fields: Record<string, FieldValue>; eventId?: string },
  now: Date,
) {
  const signed = context.channel === 'signed';
  if (signed)
    verifySignature(
      form.provider,
      liveSecrets(form.secrets, now),
      incoming.headers,
      incoming.body ?? Buffer.alloc(0),
      now,
    );
  if (signed && form.provider === 'standard') seen.eventId = incoming.headers['webhook-id'];
  const payload = readPayload(form.provider, signed, await incoming.decode());
  seen.fields = payload.fields;
  if (signed) seen.eventId ??= payload.eventId;
  context.utm = { ...pickUtm(payload.fields), ...context.utm };
  const schema = await schemaOf(deps.records, intakeCaller(tenant));
  const customNames = schema.fields.filter((f) => f.entity === 'lead').map((f) => f.name);
  const mapped = mapSubmission(form, payload.fields, customNames);
  const checked = validateLead(form, mapped);
  const honeypot = form.honeypotField !== undefined && isFilled(payload.fields[form.honeypotField]);
  if (!checked.input) {
    // A bot's junk is spam, not a refusal it could learn from.
    if (honeypot) return { payload, mapped, input: undefined, repeat: undefined };
    throw new DomainError('VALIDATION', 'Some submitted fields are missing or invalid.', checked.errors);
  }
  const input = withUtm(checked.input, context.utm);
  const repeat = honeypot ? undefined : await findRepeat(deps.records, tenant.id, input);
  return { payload, mapped, input, repeat };
}

const isFilled = (v: FieldValue | undefined) => v !== undefined && String(v).trim() !== '';

function pickUtm(fields: Record<string, FieldValue>): Record<string, string> {
  return Object.fromEntries(UTM_KEYS.filter((k) => isFilled(fields[k])).map((k) => [k, String(fields[k])]));
}

/** UTM tags of the page URL (the query) count when the form itself sent none. */
function withUtm(input: RecordInput, utm: Record<string, string>): RecordInput {
  if (input.utm || !Object.keys(utm).length) return input;
  return { ...input, utm: Object.fromEntries(Object.entries(utm).map(([k, v]) => [k, v.slice(0, 200)])) };
}

/** The lead through the records core, as POST /v1/leads creates one; its errors name the submitted fields. */
export async function createLead(
  deps: IntakeDeps,
  tenant: Tenant,
  input: RecordInput,
  mapped: MappedLead | undefined,
  submissionId: string,
  id?: string,
  actor?: { userId: string },
) {
  try {
    return await prepareCreate(deps.records, intakeCaller(tenant), 'lead', input, {
      actor: actor ?? { system: 'intake', ref: submissionId },
      ...(id ? { id } : {}),
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION' && mapped)
      throw new DomainError('VALIDATION', e.message, renameErrors(mapped, e.errors));
    throw e;
  }
}
