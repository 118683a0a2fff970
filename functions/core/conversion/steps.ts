import { carryDocuments } from '#core/conversion/carry-documents';
import type { Conversion } from '#core/conversion/conversion';
import { commitConversion } from '#core/conversion/commit';
import { findDuplicates } from '#core/conversion/duplicates';
import { conversionPlan } from '#core/conversion/plan';
import type { ConversionDeps, ConversionOutcome } from '#core/conversion/ports';
import { prepareConversion } from '#core/conversion/prepare';
import type { ConversionDraft, ConversionRun } from '#core/conversion/run';
import { validateConversion } from '#core/conversion/validate';

/** The workflow's steps by the name its Task states pass as `step`; each takes the state so far. */
export const CONVERSION_STEPS = {
  map: (deps: ConversionDeps, input: { draft: ConversionRun }) => prepareConversion(deps, input.draft),
  validate: (deps: ConversionDeps, input: { draft: ConversionDraft }) => validateConversion(deps, input.draft),
  duplicates: (deps: ConversionDeps, input: { draft: ConversionDraft }) => findDuplicates(deps, input.draft),
  plan: async (_deps: ConversionDeps, input: { draft: ConversionDraft }): Promise<ConversionOutcome> => ({
    kind: 'plan',
    plan: conversionPlan(input.draft),
  }),
  commit: (deps: ConversionDeps, input: { draft: ConversionDraft }) => commitConversion(deps, input.draft),
  carry: async (
    deps: ConversionDeps,
    input: { draft: ConversionDraft & { committed: { value: Conversion } } },
  ): Promise<ConversionOutcome> => ({
    kind: 'converted',
    conversion: await carryDocuments(
      deps,
      input.draft.caller.tenantId,
      { userId: input.draft.caller.userId },
      input.draft.committed.value,
    ),
    replayed: input.draft.replay !== undefined,
  }),
} as const;
export type ConversionStep = keyof typeof CONVERSION_STEPS;
