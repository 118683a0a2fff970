import { CONVERSION_STEPS, type ConversionStep } from '#core/conversion/steps';
import { taskError } from '#tasks/conversion-error';
import { conversionDeps } from '#wiring/conversion';

/** The lead-conversion workflow's task Lambda: each Task state names its step. */
export async function handler(input: { step: ConversionStep; draft: never }) {
  const step = CONVERSION_STEPS[input.step];
  if (!step) throw new Error(`No conversion step named ${String(input.step)}.`);
  try {
    return await step(conversionDeps, input);
  } catch (e) {
    throw taskError(e);
  }
}
