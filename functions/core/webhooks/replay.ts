import { DomainError } from '#core/errors';
import { presentEvent } from '#core/outbox/present';
import { EVENT_WINDOW_MS } from '#core/outbox/read-events';
import type { TenantCaller } from '#core/tenancy/caller';
import type { DueAttempt } from '#core/webhooks/attempt';
import type { DeliveryDeps } from '#core/webhooks/delivery-ports';
import type { CommittedEvent, FanOutDeps } from '#core/webhooks/fan-out';
import { matchesSubscription } from '#core/webhooks/match';
import { readForDelivery } from '#core/webhooks/read-subscription';

// `POST /v1/webhooks/{id}/replay`: the subscription's events again, as new attempts queued now (the
// usual order, retries and log), whether they were delivered before or not. Only events it
// subscribes to (type and filter, as they are now) are queued; events are kept 30 days.

/** Events one replay looks at; a longer range answers `more` and where to go on from. */
export const MAX_REPLAY_EVENTS = 1000;
export const MAX_REPLAY_IDS = 100;

export interface ReplaySource {
  /** Events with `from <= occurredAt <= to`, oldest first, at most `limit`; `more` when some were left. */
  range(
    tenantId: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<{ events: CommittedEvent[]; more: boolean }>;
  /** The events among `ids` still kept; absent ones are left out. */
  byIds(tenantId: string, ids: string[]): Promise<CommittedEvent[]>;
}

export type ReplayRequest = { from: string; to: string } | { eventIds: string[] };

export type ReplayDeps = Pick<DeliveryDeps, 'subscriptions' | 'attempts' | 'schema' | 'clock'> &
  Pick<FanOutDeps, 'wake'> & { replay: ReplaySource };

export async function replayDeliveries(deps: ReplayDeps, caller: TenantCaller, id: string, req: ReplayRequest) {
  const sub = await readForDelivery(deps, caller, id);
  if (!sub.enabled)
    throw new DomainError(
      'CONFLICT',
      `Webhook subscription ${id} is switched off: switch it on (enabled: true) first.`,
    );
  const now = deps.clock.now();
  let found: { events: CommittedEvent[]; more: boolean; missing?: string[] };
  if ('eventIds' in req) {
    const events = await deps.replay.byIds(caller.tenantId, req.eventIds);
    const seen = new Set(events.map((e) => e.event.id));
    found = { events, more: false, missing: req.eventIds.filter((e) => !seen.has(e)) };
  } else {
    if (req.from > req.to)
      throw new DomainError('VALIDATION', 'from must not be after to.', [
        { path: 'body.from', message: 'must not be after `to`' },
      ]);
    const oldest = new Date(now.getTime() - EVENT_WINDOW_MS).toISOString();
    const from = req.from < oldest ? oldest : req.from;
    found =
      req.to < from
        ? { events: [], more: false }
        : await deps.replay.range(caller.tenantId, from, req.to, MAX_REPLAY_EVENTS);
  }
  const schema = await deps.schema.load(caller.tenantId, undefined);
  const at = now.toISOString();
  const attempts: DueAttempt[] = found.events
    .filter(({ event }) =>
      matchesSubscription(
        sub,
        event.type,
        presentEvent(caller.tenantId, event, schema).data as Record<string, unknown>,
      ),
    )
    .map(({ location, event }) => ({
      tenantId: caller.tenantId,
      subscriptionId: sub.id,
      event: { location, resourceId: event.subject.id, eventId: event.id },
      eventType: event.type,
      version: event.subject.version,
      attempt: 1,
      dueAt: at,
      queuedAt: at,
      replay: true,
    }));
  const queued = attempts.length ? await deps.attempts.enqueue(attempts) : 0;
  if (queued) await deps.wake();
  const last = found.events.at(-1)?.event.occurredAt;
  return {
    queued,
    skipped: found.events.length - attempts.length,
    ...(found.missing?.length ? { missing: found.missing } : {}),
    ...(found.more && last ? { more: true, nextFrom: last } : { more: false }),
  };
}
