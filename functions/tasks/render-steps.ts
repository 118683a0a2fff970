import { config } from '#config';
import { STEPS, type RenderState, type StepDeps, type StepName } from '#core/templates/render-steps';
import { logger } from '#observability/logger';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { dynamoUsersStore } from '#store/users/users-store';
import { taskError } from '#tasks/conversion-error';
import { documentsDeps } from '#wiring/documents';
import { recordsDeps } from '#wiring/records';
import { renderLimits, templatesDeps } from '#wiring/templates';

/** RENDER_PAUSES (tests only): a wait at a named point, logged so the test knows it is there. */
async function pause(point: string, s: RenderState): Promise<void> {
  const ms = config().RENDER_PAUSES[point];
  if (ms === undefined) return;
  logger.warn('render paused (RENDER_PAUSES)', { point, tenantId: s.tenantId, jobId: s.jobId, ms });
  await new Promise((r) => setTimeout(r, ms));
}

const deps = () =>
  ({
    ...templatesDeps,
    records: recordsDeps,
    tenancy: dynamoTenancyStore,
    users: dynamoUsersStore,
    documents: documentsDeps,
    limits: renderLimits(),
    pause,
  }) satisfies StepDeps;

/** Render workflow task: every step but Chromium's, chosen by the state's `step` parameter. */
export async function handler(input: { step: StepName; state: RenderState }): Promise<RenderState> {
  const step = STEPS[input.step];
  if (!step) throw new Error(`Unknown render step ${input.step}.`);
  await pause(`before:${input.step}`, input.state);
  try {
    return await step(deps(), input.state);
  } catch (e) {
    throw taskError(e); // refusals keep their field errors for the job
  }
}
