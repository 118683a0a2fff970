import { QuotaExceededError } from '#core/quota/quota-exceeded';
import type { UsageTotals } from '#core/quota/usage';

/**
 * The condition the store puts on the reservation's `ADD`:
 * `attribute_not_exists(committedPlusReserved) OR committedPlusReserved <= :maxBefore`
 * (the first branch only when maxBefore ≥ 0), or no condition at all when unlimited.
 * One attribute against one constant, so concurrent reservations are serialised by DynamoDB
 * and committed plus reserved bytes can never pass the limit. After a downgrade below usage the
 * same condition refuses every new upload (until deletes bring usage under) and deletes nothing.
 *
 * A member's reservation may take at most half of the room left (`share: 'half'`), so one member
 * cannot hold the whole quota for the 25 minutes a reservation lives: size ≤ (limit − total) / 2 is
 * total ≤ limit − 2·size, the same one-attribute condition with another constant. Admins and
 * owners reserve up to the whole room (`share: 'whole'`); unlimited plans have no condition.
 */
export type ReservationShare = 'whole' | 'half';
export type ReservationRule = { kind: 'unlimited' } | { kind: 'limited'; limitBytes: number; maxBefore: number };

export function reservationRule(
  limitBytes: number | null,
  size: number,
  share: ReservationShare = 'whole',
): ReservationRule {
  if (limitBytes === null) return { kind: 'unlimited' };
  const maxBefore = limitBytes - (share === 'half' ? 2 * size : size);
  return { kind: 'limited', limitBytes, maxBefore };
}

/** True when the rule can never pass whatever the usage (the file alone exceeds the limit): skip the write. */
export const hopeless = (rule: ReservationRule): boolean => rule.kind === 'limited' && rule.maxBefore < 0;

/** The condition as the store must evaluate it; in-memory stores call this under their lock. */
export const allows = (rule: ReservationRule, usage: Pick<UsageTotals, 'committedPlusReserved'>): boolean =>
  rule.kind === 'unlimited' || (rule.maxBefore >= 0 && usage.committedPlusReserved <= rule.maxBefore);

export function quotaExceeded(
  usage: UsageTotals,
  limitBytes: number,
  size: number,
  share: ReservationShare = 'whole',
): QuotaExceededError {
  return new QuotaExceededError(
    { usedBytes: usage.usedBytes, reservedBytes: usage.reservedBytes, limitBytes, requestedBytes: size },
    share,
  );
}
