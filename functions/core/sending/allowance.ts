import { DomainError } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import { SENDING_LIMITS, secondsUntil, windowsAt } from '#core/sending/limits';
import type { SendingAllowance, SendingWindows } from '#core/sending/ports';

/** Counts `recipients` against the plan's minute and day, or refuses with 429 and the wait until the full window turns. */
export async function takeAllowance(
  allowance: SendingAllowance,
  caller: TenantCaller,
  recipients: number,
  at: Date,
): Promise<SendingWindows> {
  const windows = windowsAt(at);
  const limit = SENDING_LIMITS[caller.tenant.plan];
  const taken = await allowance.take(caller.tenantId, recipients, windows, limit);
  if (taken === 'ok') return windows;
  const plan = caller.tenant.plan;
  throw new DomainError(
    'RATE_LIMITED',
    taken === 'minute'
      ? `This tenant may send to at most ${limit.perMinute} recipients a minute on the ${plan} plan.`
      : `This tenant may send to at most ${limit.perDay} recipients a day (UTC) on the ${plan} plan.`,
    [],
    { 'retry-after': String(secondsUntil(at, taken === 'minute' ? windows.minuteEnds : windows.dayEnds)) },
  );
}
