import { config } from '#config';
import { DomainError } from '#core/errors';
import { RenderStateIn } from '#core/templates/step-input';
import { parseInput } from '#core/validation';
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
  if (!Object.hasOwn(STEPS, input.step)) throw new Error(`Unknown render step ${input.step}.`);
  const step = STEPS[input.step];
  try {
    // Parsed at the task edge, as a route parses a body: a step gets typed state or never runs.
    const parsed = parseInput(RenderStateIn, input.state, 'state');
    if (parsed.errors)
      throw new DomainError('VALIDATION', `The render step ${input.step} got an invalid state.`, parsed.errors);
    await pause(`before:${input.step}`, parsed.data);
    return await step(deps(), parsed.data);
  } catch (e) {
    throw taskError(e); // refusals keep their field errors for the job
  }
}
