import * as z from 'zod';

// The one shape of #core/actor on the wire: timelines, the approval trail and the tenant audit.
export const ActorSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('key'),
      userId: z.string(),
      keyId: z
        .string()
        .optional()
        .describe('The API key that acted; absent only on entries written before keys were recorded.'),
    }),
    z.object({
      kind: z.literal('link'),
      userId: z.string().describe('The user who made the link.'),
      linkId: z.string(),
    }),
    z.object({ kind: z.literal('system'), name: z.string(), ref: z.string().optional() }),
  ])
  .meta({
    id: 'Actor',
    description:
      'Who acted: a user through an API key (`key`, naming the key), someone holding a link a user made (`link`), ' +
      'or the system on its own account (`system`: intake, upload-finaliser, ses, approvals, platform-admin…; `ref` names what triggered it).',
  });
