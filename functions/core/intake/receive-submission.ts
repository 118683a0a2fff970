import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import { contentKey } from '#core/intake/content-key';
import { createLead } from '#core/intake/create-lead';
import type { IntakeDeps } from '#core/intake/deps';
import { examine, isFilled } from '#core/intake/examine-submission';
import { checkOrigin, checkRate, checkSize, looksLikeSpam, refusalLogged } from '#core/intake/guards';
import {
  contextOf,
  type IncomingSubmission,
  type Received,
  type Receiving,
  type SeenSoFar,
} from '#core/intake/incoming';
import { openForm } from '#core/intake/open-form';
import { allowedOrigin } from '#core/intake/origins';
import { ClaimTaken, type SubmissionCommit } from '#core/intake/ports';
import { errorRedirect, LOGGED, RefusedSubmission } from '#core/intake/refusal';
import { repeatNote } from '#core/intake/repeats';
import { isSigned } from '#core/intake/signatures';
import type { Channel, Outcome, Submission } from '#core/intake/submission';

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
  const seen: SeenSoFar = { fields: {} };
  try {
    return await receive(deps, { form, tenant, incoming, context, seen, now });
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

async function receive(deps: IntakeDeps, receiving: Receiving): Promise<Received> {
  const { form, tenant, incoming, context, seen, now } = receiving;
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
    checked = await examine(deps, receiving);
  } catch (e) {
    await rate;
    // A redelivery is answered as the first time, even if the form changed since.
    const first = seen.eventId && (await deps.intake.eventOutcome(tenant.id, form.id, seen.eventId));
    if (first) return answer(first, true);
    throw e;
  }
  await rate;
  const { payload, mapped, input, repeat, warnings } = checked;
  const eventId = seen.eventId;
  const base = {
    id: newId('sub'),
    formId: form.id,
    ...context,
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
  const { record, write } = await createLead(deps, tenant, input, mapped, base.id, undefined, undefined, warnings);
  if (repeat) {
    record.fields.repeatOf = repeat;
    write.timeline[0].changes.push({ field: 'repeatOf', from: null, to: repeat });
  }
  const status = repeat ? 'repeat' : 'accepted';
  // Anyone may post from a browser: telling it `repeat` would answer "is this email in the CRM?"
  // for any address. Browsers are told `accepted` either way; the log and the lead keep the truth,
  // and signed senders (the tenant's own servers) still get it.
  const told = channel === 'signed' ? status : 'accepted';
  return commitOrReplay({
    submission: {
      ...base,
      status,
      leadId: record.id,
      ...(repeat ? { repeatOf: repeat, reason: `same email or phone as ${repeat.entity} ${repeat.id}` } : {}),
    },
    outcome: {
      status: 201,
      submissionId: base.id,
      leadId: record.id,
      result: told,
      ...(channel === 'signed' && warnings.length ? { warnings } : {}),
    },
    eventKey: eventId,
    content,
    lead: write,
    ...(repeat ? { note: repeatNote(repeat, record.id, base.id) } : {}),
  });
}
