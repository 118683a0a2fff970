import * as z from 'zod';
import { PLANS } from '#core/tenancy/caller';
import { Timestamp } from '#http/schemas/common';

// What the usage and recount routes return (documents-api serves them; the tenant views show usage).

export const UsageOut = z
  .object({
    plan: z.enum(PLANS),
    usedBytes: z.number().int(),
    reservedBytes: z.number().int().describe('Held by uploads not yet arrived.'),
    limitBytes: z.number().int().nullable().describe('null when the plan is unlimited.'),
    documents: z.number().int(),
    byUser: z.array(z.object({ userId: z.string(), usedBytes: z.number().int() })),
  })
  .meta({ id: 'Usage' });

export const ReconcileOut = z
  .object({
    tenantId: z.string(),
    recomputed: z.object({ usedBytes: z.number().int(), reservedBytes: z.number().int(), documents: z.number().int() }),
    drift: z
      .array(z.object({ field: z.string(), recorded: z.number(), actual: z.number() }))
      .describe(
        'Every figure of the usage item that differs from what is stored; empty when none. `bucketBytes`: usedBytes against the bytes the bucket holds under upload keys.',
      ),
    bucket: z
      .object({
        uploadBytes: z.number().int().describe("Bytes under the tenant's upload keys (t/<tenant>/d/<doc>/<upload>)."),
        unaccounted: z
          .array(z.object({ prefix: z.string(), bytes: z.number().int(), objects: z.number().int() }))
          .describe("Bytes under any other key of the tenant's prefix, per sub-prefix; usage counts none of them."),
      })
      .optional()
      .describe("What the bucket holds under the tenant's prefix."),
  })
  .meta({ id: 'ReconcileReport' });

export const LeadIndexOut = z
  .object({
    tenantId: z.string(),
    leads: z.number().int().describe('Leads read.'),
    reindexed: z.number().int().describe('Leads whose search items and source list key were written.'),
    skipped: z.number().int().describe('Leads that kept changing under the job; run it again for them.'),
  })
  .meta({ id: 'LeadIndexReport' });

export const ReindexOut = z
  .object({
    tenantId: z.string(),
    leads: LeadIndexOut,
    search: z
      .object({
        documents: z.number().int().describe('Documents indexed.'),
        records: z.number().int().describe('Leads, contacts, companies and deals indexed.'),
        removed: z.number().int().describe('Index entries removed: their document or record is gone.'),
      })
      .describe('The search index rebuild.'),
  })
  .meta({ id: 'ReindexReport' });

export const ReconcileJobOut = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    kind: z
      .enum(['usage', 'lead-index', 'reindex'])
      .describe(
        'usage: a recount (POST …/reconcile); reindex: the indexes rebuilt (POST …/reindex); lead-index: the lead search backfill alone, as POST …/reindex queued it before search existed.',
      ),
    status: z.enum(['running', 'succeeded', 'failed']),
    createdAt: Timestamp,
    finishedAt: Timestamp.optional(),
    result: z
      .union([ReconcileOut, LeadIndexOut, ReindexOut])
      .optional()
      .describe('Once succeeded: the recount (usage), the reindex report, or the lead-index report.'),
    progress: z
      .object({
        documents: z.number().int(),
        records: z.number().int(),
      })
      .optional()
      .describe('A reindex still running after a scheduled run: what its search rebuild has indexed so far.'),
    error: z.string().optional().describe('Why it failed.'),
  })
  .meta({ id: 'ReconcileJob' });
