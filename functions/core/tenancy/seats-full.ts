import { DomainError } from '#core/errors';

export interface SeatFigures {
  seats: number;
  activeUsers: number;
}

/**
 * `409` when a key would add an active user past the tenant's seats; the figures go into the
 * problem body as extension members (RFC 9457 §3.2), as quota figures do.
 */
export class SeatsFullError extends DomainError {
  declare readonly extensions: SeatFigures & Record<string, unknown>;

  constructor(figures: SeatFigures) {
    super(
      'CONFLICT',
      `All ${figures.seats} seats are taken (${figures.activeUsers} active users): revoke a user's last key or ask for more seats.`,
      [],
      {},
      { ...figures },
    );
  }
}
