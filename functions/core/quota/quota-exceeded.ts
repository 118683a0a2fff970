import { DomainError } from '#core/errors';

export interface QuotaFigures {
  usedBytes: number;
  reservedBytes: number;
  limitBytes: number;
  requestedBytes: number;
  /** A member's refusal: the most one reservation may take now, half of the room left. */
  memberShareBytes?: number;
}

/**
 * `413 QUOTA_EXCEEDED`. The figures go into the problem body as extension members (RFC 9457 §3.2):
 * the HTTP layer spreads `extensions` next to `type`, `title`, `status`.
 */
export class QuotaExceededError extends DomainError {
  declare readonly extensions: QuotaFigures & Record<string, unknown>;

  constructor(figures: QuotaFigures, share: 'whole' | 'half' = 'whole') {
    const free = Math.max(0, figures.limitBytes - figures.usedBytes - figures.reservedBytes);
    const half = Math.floor(free / 2);
    super(
      'QUOTA_EXCEEDED',
      share === 'half' && figures.requestedBytes <= free
        ? `A member's upload may take at most half of the room left: it needs ${figures.requestedBytes} bytes, half of the ${free} bytes left is ${half} (limit ${figures.limitBytes}, used ${figures.usedBytes}, reserved ${figures.reservedBytes}). An admin can upload it, or cancel pending uploads (DELETE /v1/uploads/{id}).`
        : `The upload needs ${figures.requestedBytes} bytes but the plan allows ${free} more (limit ${figures.limitBytes}, used ${figures.usedBytes}, reserved ${figures.reservedBytes}).`,
      [],
      {},
      share === 'half' ? { ...figures, memberShareBytes: half } : { ...figures },
    );
  }
}
