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
      userId: z
        .string()
        .describe('The user who made the share link, or the approver an approval action link was mailed to.'),
      linkId: z.string().describe('The share link (`shl_…`) or approval action link (`alk_…`).'),
    }),
    z.object({ kind: z.literal('system'), name: z.string(), ref: z.string().optional() }),
  ])
  .meta({
    id: 'Actor',
    description:
      'Who acted: a user through an API key (`key`, naming the key), someone holding a link a user made, or an approver deciding from the link in their task email (`link`), ' +
      'or the system on its own account (`system`: intake, upload-finaliser, ses, approvals, platform-admin…; `ref` names what triggered it).',
  });
