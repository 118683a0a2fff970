import * as z from 'zod';
import { RECORD_TIMELINE_TYPES } from '#core/records/record';
import { ActorSchema } from '#http/schemas/actor';
import { pageOf, Timestamp } from '#http/schemas/common';

// A timeline entry, as records and documents both show theirs.

export const TimelineEntryOut = z
  .object({
    id: z.string(),
    at: Timestamp,
    actor: ActorSchema,
    type: z
      .string()
      .describe(`Open set; record changes write ${RECORD_TIMELINE_TYPES.join(', ')}. Show types you do not know.`),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  })
  .meta({ id: 'TimelineEntry' });

export const TimelineEntryPage = pageOf(TimelineEntryOut, 'TimelineEntryPage');
