import { DomainError } from '#core/errors';
import type { Plan, TenantCaller } from '#core/tenancy/caller';
import type { SendingAllowance, SendingWindows } from '#core/sending/ports';

// Limits are counted in recipients, as SES counts its own sending quota: one email to 50 people
// costs 50. Every plan's minute allows one email to the most recipients an email may have.

/** SES accepts at most 50 recipients (To + Cc + Bcc) per message. */
export const MAX_RECIPIENTS = 50;

/** SES v2 refuses messages over 40 MB, after base64 encoding of attachments. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface SendingLimit {
  perMinute: number;
  perDay: number;
}

export const SENDING_LIMITS: Record<Plan, SendingLimit> = {
  free: { perMinute: 50, perDay: 200 },
  standard: { perMinute: 300, perDay: 5_000 },
  extended: { perMinute: 1_000, perDay: 50_000 },
};

/** The fixed windows a send counts in (UTC). */
export function windowsAt(at: Date): { minute: string; day: string; minuteEnds: Date; dayEnds: Date } {
  const iso = at.toISOString();
  const minuteStart = Date.parse(`${iso.slice(0, 16)}:00.000Z`);
  const dayStart = Date.parse(`${iso.slice(0, 10)}T00:00:00.000Z`);
  return {
    minute: iso.slice(0, 16),
    day: iso.slice(0, 10),
    minuteEnds: new Date(minuteStart + 60_000),
    dayEnds: new Date(dayStart + 86_400_000),
  };
}

/** Whole seconds until `until`, at least 1: what Retry-After says. */
export const secondsUntil = (at: Date, until: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));

/**
 * Whether base64 alone would push an attachment of `bytes` over SES's limit: checked from the
 * document's size before its bytes are read (the composed message is checked again, exactly).
 */
export const attachmentTooLarge = (bytes: number): boolean => Math.ceil(bytes / 3) * 4 > MAX_MESSAGE_BYTES;

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
