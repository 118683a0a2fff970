import { DomainError, type ErrorCode } from '#core/errors';
import { newId } from '#core/ids';
import { contentKey } from '#core/intake/content-key';
import { createLead } from '#core/intake/create-lead';
import type { IntakeDeps } from '#core/intake/deps';
import { examine, isFilled, type Examined } from '#core/intake/examine-submission';
import { checkOrigin, checkRate, checkSize, looksLikeSpam, refusalLogged } from '#core/intake/guards';
import { contextOf, type IncomingSubmission, type Received, type Receiving, type Seen } from '#core/intake/incoming';
import { openForm } from '#core/intake/open-form';
import { ClaimTaken, type SubmissionCommit } from '#core/intake/ports';
import { repeatNote } from '#core/intake/repeats';
import { isSigned } from '#core/intake/signatures';
import type { Channel, Outcome, Submission } from '#core/intake/submission';

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

/** A submission's way through the intake: what became of it, or what stopped it and what it showed until then. */
type Attempt = { received: Received } | { failed: unknown; seen: Seen };

/**
 * The public intake: checks who sent it (signature or origin), how much and how often, decodes
 * the provider's payload, and commits the submission with its lead in one transaction. A sender's
 * event id or the same content within the dedupe window answers what the first one got. A refusal
 * the sender caused is logged and returned as `rejected`; anything else (an outage) is thrown.
 */
export async function receiveSubmission(
  deps: IntakeDeps,
  incoming: IncomingSubmission,
  now = new Date(),
): Promise<Received> {
  const { form, tenant } = await openForm(deps, incoming.tenantId, incoming.formId);
  const channel: Channel = isSigned(form.provider, incoming.headers) ? 'signed' : 'browser';
  const receiving: Receiving = { form, tenant, incoming, context: contextOf(incoming, channel), now };
  const attempt = await receive(deps, receiving);
  if ('received' in attempt) return attempt.received;
  const { failed: e, seen } = attempt;
  if (!(e instanceof DomainError) || !LOGGED.has(e.code)) throw e;
  if (await refusalLogged(deps, tenant.id, form.id, now)) {
    const refused: Submission = {
      id: newId('sub'),
      formId: form.id,
      status: 'rejected',
      reason: e.message,
      ...(e.errors.length ? { errors: e.errors } : {}),
      ...receiving.context,
      utm: seen.utm,
      ...(seen.eventId ? { eventId: seen.eventId } : {}),
      fields: seen.fields,
      receivedAt: now.toISOString(),
    };
    await deps.intake.log(tenant.id, refused, true);
  }
  return { form, channel, result: 'rejected', refusal: e };
}

async function receive(deps: IntakeDeps, receiving: Receiving): Promise<Attempt> {
  const { form, tenant, incoming, context, now } = receiving;
  let seen: Seen = { fields: {}, utm: context.utm };
  try {
    checkOrigin(form, context.channel, incoming.headers.origin);
    checkSize(context.channel, incoming.body?.length ?? 0);
    // Counted while the submission is checked and looked up (one round trip less); its verdict still
    // comes first, before any answer and before anything is written.
    const rate = checkRate(deps, tenant.id, form, context.ipHash, now);
    rate.catch(() => undefined);
    const examined = await examine(deps, receiving);
    seen = examined.seen;
    await rate;
    if (!('refusal' in examined)) return { received: await admit(deps, receiving, examined) };
    // A redelivery is answered as the first time, even if the form changed since.
    const first = seen.eventId && (await deps.intake.eventOutcome(tenant.id, form.id, seen.eventId));
    if (first) return { received: answer(receiving, first, true) };
    return { failed: examined.refusal, seen };
  } catch (failed) {
    return { failed, seen };
  }
}

const answer = ({ form, context }: Receiving, outcome: Outcome, replayed = false): Received => ({
  form,
  channel: context.channel,
  ...outcome,
  replayed,
});

/** Writes an examined submission (and its lead): accepted, a repeat, a duplicate, spam or quarantined. */
async function admit(
  deps: IntakeDeps,
  receiving: Receiving,
  examined: Exclude<Examined, { refusal: unknown }>,
): Promise<Received> {
  const { form, tenant, context, now } = receiving;
  const { payload, mapped, input, repeat, warnings, seen } = examined;
  const eventId = seen.eventId;
  const base = {
    id: newId('sub'),
    formId: form.id,
    ...context,
    utm: seen.utm,
    ...(eventId ? { eventId } : {}),
    fields: payload.fields,
    ...(warnings.length ? { warnings } : {}),
    receivedAt: now.toISOString(),
  };

  // Claims are taken in the commit's transaction, not read before: the common path is one write,
  // and a redelivery or duplicate finds the claim taken and answers what the first one got.
  const commitOrReplay = async (commit: SubmissionCommit): Promise<Received> => {
    try {
      await deps.intake.commit(tenant.id, commit);
      return answer(receiving, commit.outcome);
    } catch (e) {
      if (!(e instanceof ClaimTaken)) throw e;
      if (e.claim === 'event') {
        const first = eventId && (await deps.intake.eventOutcome(tenant.id, form.id, eventId));
        if (first) return answer(receiving, first, true);
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
    outcome: { result: 'duplicate', submissionId: base.id, leadId },
    eventKey: eventId,
  });

  // A honeypot hit reserves a lead id as a person's submission gets one: its sender is told no different.
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
      outcome: { result: 'spam', submissionId: base.id, leadId },
      eventKey: eventId,
    });
  }
  if (!input) throw new Error('unreachable: examine refuses an invalid lead unless it is spam');

  const spam = looksLikeSpam(payload.fields);
  if (spam) {
    return commitOrReplay({
      submission: { ...base, status: 'spam', reason: spam, leadId: newId('lead'), leadInput: input },
      outcome: { result: 'quarantined', submissionId: base.id, leadId: null },
      eventKey: eventId,
    });
  }

  const content = { key: contentKey(input), until: new Date(now.getTime() + form.dedupeWindowSeconds * 1000) };
  const { record, write } = await createLead(
    deps,
    tenant,
    input,
    mapped,
    base.id,
    undefined,
    undefined,
    warnings,
    form.id,
  );
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
    outcome: { result: status, submissionId: base.id, leadId: record.id, ...(warnings.length ? { warnings } : {}) },
    eventKey: eventId,
    content,
    lead: write,
    ...(repeat ? { note: repeatNote(repeat, record.id, base.id) } : {}),
  });
}
