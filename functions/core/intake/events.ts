import { systemActor } from '#core/actor';
import { newId } from '#core/ids';
import type { Submission } from '#core/intake/submission';
import type { OutboxEvent } from '#core/records/events';

// `form.submission_rejected`: a submission the intake refused (bad input, origin, rate, payload)
// and stored in the form's log as `rejected`, announced with that write (decision 0012). Refusals
// past the logged-refusals cap are stored nowhere, so announce nothing: no committed change. Spam
// is held for review, not rejected; releasing it creates its lead (`lead.created`, `intake`).

export const submissionRejected = (submission: Submission): OutboxEvent => ({
  id: newId('evt'),
  type: 'form.submission_rejected',
  occurredAt: submission.receivedAt,
  actor: systemActor('intake', submission.formId),
  subject: { entity: 'submission', id: submission.id, version: 1 },
  formId: submission.formId,
  submissionId: submission.id,
  resource: submission,
});
