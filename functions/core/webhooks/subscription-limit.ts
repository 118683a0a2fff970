import { DomainError } from '#core/errors';

/**
 * `409` when a tenant holding its plan's number of subscriptions creates another; the limit goes
 * into the problem body as an extension member, as the seats' figures do.
 */
export class SubscriptionLimitError extends DomainError {
  declare readonly extensions: { limit: number } & Record<string, unknown>;

  constructor(limit: number) {
    super(
      'CONFLICT',
      `The tenant has ${limit} webhook subscriptions, its plan's limit: delete one or subscribe an existing one to more events.`,
      [],
      {},
      { limit },
    );
  }
}
