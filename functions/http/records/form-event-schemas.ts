import * as z from 'zod';
import { SubmissionOut } from '#http/intake/schemas';
import { envelope } from '#http/records/event-envelope';

// The intake's event in GET /v1/events (core/intake/events.ts writes it).

export const SubmissionRejectedEvent = z
  .object({
    ...envelope,
    type: z.literal('form.submission_rejected'),
    data: SubmissionOut.describe(
      'The refused submission as GET /v1/forms/{id}/submissions shows it (`status: rejected`).',
    ),
  })
  .meta({
    id: 'SubmissionRejectedEvent',
    description:
      "A form's submission the intake refused and logged (invalid fields, a wrong origin, too many, an unreadable payload): `formId` and `submissionId` name it. Refusals past the form's logged-refusals cap are not logged, so not announced.",
  });
