import { DomainError } from '#core/errors';

export interface QuotaFigures {
  usedBytes: number;
  reservedBytes: number;
  limitBytes: number;
  requestedBytes: number;
}

/**
 * `413 QUOTA_EXCEEDED`. The figures go into the problem body as extension members (RFC 9457 §3.2):
 * the HTTP layer spreads `extensions` next to `type`, `title`, `status`.
 */
export class QuotaExceededError extends DomainError {
  readonly extensions: QuotaFigures;

  constructor(figures: QuotaFigures) {
    const free = Math.max(0, figures.limitBytes - figures.usedBytes - figures.reservedBytes);
    super(
      'QUOTA_EXCEEDED',
      `The upload needs ${figures.requestedBytes} bytes but the plan allows ${free} more (limit ${figures.limitBytes}, used ${figures.usedBytes}, reserved ${figures.reservedBytes}).`,
    );
    this.extensions = { ...figures };
  }
}
