import { STEPS, type RenderState, type StepDeps, type StepName } from '#core/templates/render-steps';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { taskError } from '#tasks/conversion-error';
import { documentsPorts } from '#wiring/documents';
import { recordsPorts } from '#wiring/records';
import { renderLimits, templatesPorts } from '#wiring/templates';
import { unwired } from '#wiring/unwired';

const deps = (): StepDeps => ({
  ...templatesPorts,
  records: recordsPorts,
  tenancy: dynamoTenancyStore,
  documents: documentsPorts,
  pdf: unwired('pdf', 'render-steps'),
  limits: renderLimits(),
});

/** Render workflow task: every step but Chromium's, chosen by the state's `step` parameter. */
export async function handler(input: { step: StepName; state: RenderState }): Promise<RenderState> {
  const step = STEPS[input.step];
  if (!step) throw new Error(`Unknown render step ${input.step}.`);
  try {
    return await step(deps(), input.state);
  } catch (e) {
    throw taskError(e); // refusals keep their field errors for the job
  }
}
