import { systemActor } from '#core/actor';
import { systemClock } from '#core/clock';
import { carryDocuments } from '#core/conversion/carry-documents';
import type { ConversionDeps } from '#core/conversion/ports';

/** Carries finished per scheduled run; the next run takes the rest. */
export const CARRIES_PER_RUN = 100;

/**
 * The scheduled sweeper: a conversion whose workflow was cut off after its commit (a killed
 * server, an Express run timed out) still has its documents to carry. Those due (past
 * CARRY_GRACE_MS) are carried here on the system's account (`conversion-carry`, naming the
 * conversion), not the converting user's: the workflow that would have acted for the user is gone.
 * A failure is left for the next run.
 */
export async function carryPending(
  deps: Pick<ConversionDeps, 'conversions' | 'documents'>,
  now = systemClock.now(),
): Promise<{ carried: string[]; failed: Array<{ conversionId: string; error: unknown }> }> {
  const out = { carried: [] as string[], failed: [] as Array<{ conversionId: string; error: unknown }> };
  for (const due of await deps.conversions.dueCarries(now.toISOString(), CARRIES_PER_RUN)) {
    try {
      const conversion = await deps.conversions.get(due.tenantId, due.leadId, due.conversionId);
      if (!conversion?.documentsPending) {
        await deps.conversions.forgetCarry(due);
        continue;
      }
      // The workflow that should have carried them is gone: the sweeper acts on its own account.
      await carryDocuments(deps, due.tenantId, systemActor('conversion-carry', conversion.id), conversion);
      out.carried.push(conversion.id);
    } catch (error) {
      out.failed.push({ conversionId: due.conversionId, error });
    }
  }
  return out;
}
