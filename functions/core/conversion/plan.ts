import { requestedTargets } from '#core/conversion/request';
import type { ConversionDraft } from '#core/conversion/run';

/** `dryRun: true`: everything the conversion would do, and nothing written. */
export function conversionPlan(draft: ConversionDraft) {
  const targets = Object.fromEntries(
    requestedTargets(draft.request).map((t) => {
      const plan = draft.targets[t];
      return [
        t,
        plan
          ? {
              action: plan.action,
              existingId: plan.existingId ?? null,
              ...(plan.linkedBecause ? { linkedBecause: plan.linkedBecause } : {}),
              values: plan.values,
            }
          : null,
      ];
    }),
  );
  return {
    dryRun: true as const,
    leadId: draft.leadId,
    outcome: draft.request.outcome,
    targets,
    fieldsToCreate: draft.fieldsToCreate.map(({ from: _from, ...f }) => f),
    unmapped: draft.unmapped,
    missing: draft.missing,
    duplicates: draft.duplicates,
  };
}
export type ConversionPlan = ReturnType<typeof conversionPlan>;
