import * as z from 'zod';
import { EVENT_SOURCES } from '#core/records/events';
import { ActorSchema } from '#http/schemas/actor';
import { Timestamp } from '#http/schemas/common';

// What every event in GET /v1/events has, whatever its resource: the envelope, and the tombstone
// a deletion (or a snapshot too large to keep) presents as its data.

export const Tombstone = z
  .object({
    id: z.string(),
    version: z.number().int().describe("The deleted record's (or document's) last version plus one."),
  })
  .meta({
    id: 'EventTombstone',
    description: 'What is left of a deleted record or document: its id and a version after every change.',
  });

export const envelope = {
  id: z.string().describe('`evt_…`, unique; receivers dedupe on it.'),
  tenantId: z.string(),
  occurredAt: Timestamp.describe('When the change committed its version.'),
  actor: ActorSchema,
  source: z
    .enum(EVENT_SOURCES)
    .optional()
    .describe('`*.created`: `api`, `intake` (a form submission) or `conversion` (of a lead).'),
  formId: z.string().optional().describe('`intake`: the form the lead came from.'),
  submissionId: z.string().optional().describe('`intake`: the submission.'),
  conversionId: z.string().optional().describe('The lead conversion behind the change (it, or its undo).'),
  truncated: z
    .literal(true)
    .optional()
    .describe('The snapshot was too large to keep with the event: `data` is the id and version only; read the record.'),
};
