import { QuotaExceededError } from '#core/quota/quota-exceeded';
import type { UsageTotals } from '#core/quota/usage';

/**
 * The condition the store puts on the reservation's `ADD`:
 * `attribute_not_exists(committedPlusReserved) OR committedPlusReserved <= :maxBefore`
 * (the first branch only when maxBefore ≥ 0), or no condition at all when unlimited.
 * One attribute against one constant, so concurrent reservations are serialised by DynamoDB
 * and committed plus reserved bytes can never pass the limit. After a downgrade below usage the
 * same condition refuses every new upload (until deletes bring usage under) and deletes nothing.
 */
export type ReservationRule = { kind: 'unlimited' } | { kind: 'limited'; limitBytes: number; maxBefore: number };

export function reservationRule(limitBytes: number | null, size: number): ReservationRule {
  if (limitBytes === null) return { kind: 'unlimited' };
  return { kind: 'limited', limitBytes, maxBefore: limitBytes - size };
}

/** True when the rule can never pass whatever the usage (the file alone exceeds the limit): skip the write. */
export const hopeless = (rule: ReservationRule): boolean => rule.kind === 'limited' && rule.maxBefore < 0;

/** The condition as the store must evaluate it; in-memory stores call this under their lock. */
export const allows = (rule: ReservationRule, usage: Pick<UsageTotals, 'committedPlusReserved'>): boolean =>
  rule.kind === 'unlimited' || (rule.maxBefore >= 0 && usage.committedPlusReserved <= rule.maxBefore);

export function quotaExceeded(usage: UsageTotals, limitBytes: number, size: number): QuotaExceededError {
  return new QuotaExceededError({
    usedBytes: usage.usedBytes,
    reservedBytes: usage.reservedBytes,
    limitBytes,
    requestedBytes: size,
  });
}
