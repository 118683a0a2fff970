import type * as z from 'zod';
import { DomainError } from '#core/errors';
import { CONVERSION_STEPS, type ConversionStep } from '#core/conversion/steps';
import { CommittedDraftIn, ConversionDraftIn, ConversionRunIn } from '#core/conversion/step-input';
import { parseInput } from '#core/validation';
import { taskError } from '#tasks/conversion-error';
import { conversionDeps } from '#wiring/conversion';

type Draft<S extends ConversionStep> = Parameters<(typeof CONVERSION_STEPS)[S]>[1]['draft'];

/** Each step's draft schema: the task edge parses what the workflow sends before the step runs. */
const STEP_INPUTS: { [S in ConversionStep]: z.ZodType<Draft<S>> } = {
  map: ConversionRunIn,
  validate: ConversionDraftIn,
  duplicates: ConversionDraftIn,
  plan: ConversionDraftIn,
  commit: ConversionDraftIn,
  carry: CommittedDraftIn,
};

/** The lead-conversion workflow's task Lambda: each Task state names its step. */
export async function handler<S extends ConversionStep>(input: { step: S; draft: Draft<S> }) {
  try {
    if (!Object.hasOwn(CONVERSION_STEPS, input.step))
      throw new Error(`No conversion step named ${String(input.step)}.`);
    const parsed = parseInput(STEP_INPUTS[input.step], input.draft, 'draft');
    if (parsed.errors)
      throw new DomainError('VALIDATION', `The conversion step ${input.step} got an invalid draft.`, parsed.errors);
    const step = CONVERSION_STEPS[input.step] as (
      deps: typeof conversionDeps,
      input: { draft: Draft<S> },
    ) => Promise<unknown>;
    return await step(conversionDeps, { draft: parsed.data });
  } catch (e) {
    throw taskError(e);
  }
}
