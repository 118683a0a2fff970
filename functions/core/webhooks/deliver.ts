import { newId } from '#core/ids';
import { presentEvent } from '#core/outbox/present';
import type { DeliveryRecord, DueAttempt, SendOutcome } from '#core/webhooks/attempt';
import type { DeliveryDeps } from '#core/webhooks/delivery-ports';
import { retryDelay } from '#core/webhooks/retry-schedule';
import { signedHeaders } from '#core/webhooks/signature';

// The delivery worker (deliver-webhooks): every minute on a schedule, and at once when the fan-out
// queued something. It takes due attempts under a lease (two workers never send one attempt at the
// same time), keeps each subscription's deliveries of one resource in version order (a later
// version waits while an earlier one is pending: head-of-line blocking for that resource only), and
// sends the rest in parallel, so one slow receiver holds one slot for at most its 10 s deadline.

/** Longer than a send's 10 s deadline plus its writes: a lease that ends means its worker died. */
export const LEASE_MS = 60_000;
/** Sends in flight at once per worker. */
export const CONCURRENCY = 32;
/**
 * Once a send has finished, the due queue is read again when a quarter of the slots are free, or
 * REFILL_WAIT_MS later, or when nothing runs. A read is a query per shard of up to a window of
 * attempts each; read after every finished send, as it was, a deep queue made those reads the work
 * (10,000 changes with retries were sent at about 5 a second).
 */
export const REFILL_SLOTS = CONCURRENCY / 4;
export const REFILL_WAIT_MS = 100;
/** A subscription failing this many deliveries in a row, or for this long, is switched off. */
export const DISABLE_AFTER_FAILURES = 500;
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export type AttemptOutcome = 'succeeded' | 'retrying' | 'given-up' | 'dropped' | 'waiting' | 'taken';

const keyOf = (a: DueAttempt) => `${a.tenantId}#${a.subscriptionId}#${a.event.eventId}#${a.attempt}`;
/** A subscription's deliveries of one resource, sent in version order. */
const laneOf = (a: DueAttempt) => `${a.tenantId}#${a.subscriptionId}#${a.event.resourceId}`;

function logEntry(a: DueAttempt, at: Date, outcome: SendOutcome): DeliveryRecord {
  return {
    id: newId('dlv'),
    tenantId: a.tenantId,
    subscriptionId: a.subscriptionId,
    eventId: a.event.eventId,
    eventType: a.eventType,
    attempt: a.attempt,
    at: at.toISOString(),
    status: outcome.ok ? 'succeeded' : 'failed',
    ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    durationMs: outcome.durationMs,
    ...(outcome.response !== undefined ? { response: outcome.response } : {}),
  };
}

/** A failure counts toward switching the subscription off; past either limit it is, and its admins hear of it. */
async function countFailure(deps: DeliveryDeps, a: DueAttempt, at: Date): Promise<void> {
  const { inARow, since } = await deps.attempts.noteFailure(a.tenantId, a.subscriptionId, at.toISOString());
  const failingFor = at.getTime() - Date.parse(since);
  if (inARow < DISABLE_AFTER_FAILURES && failingFor < DISABLE_AFTER_MS) return;
  const tooMany = inARow >= DISABLE_AFTER_FAILURES;
  const reason = tooMany ? `${inARow} deliveries failed in a row` : `deliveries have failed since ${since} (3 days)`;
  const sub = await deps.subscriptions.get(a.tenantId, a.subscriptionId);
  if (sub && (await deps.subscriptions.disableSubscription(a.tenantId, a.subscriptionId, reason)))
    await deps.notifier.subscriptionDisabled(sub, tooMany ? { failures: inARow } : { since });
}

/** One due attempt: its turn in its resource's order, its lease, the request, and what is recorded. */
export async function attemptDelivery(deps: DeliveryDeps, a: DueAttempt): Promise<AttemptOutcome> {
  const earliest = await deps.attempts.earliestPending(a.tenantId, a.subscriptionId, a.event.resourceId);
  if (earliest !== undefined && earliest < a.version) return 'waiting';
  const claimedAt = deps.clock.now();
  if (!(await deps.attempts.claim(a, new Date(claimedAt.getTime() + LEASE_MS), claimedAt))) return 'taken';
  const sub = await deps.subscriptions.get(a.tenantId, a.subscriptionId);
  const event = sub?.enabled ? await deps.outbox.get(a.tenantId, a.event) : undefined;
  if (!sub?.enabled || !event) {
    // Switched off, deleted, or the event expired: nothing will be sent for it; the resource's next may go.
    const error = !sub ? 'subscription_deleted' : !sub.enabled ? 'subscription_disabled' : 'event_expired';
    await deps.attempts.settle(a, logEntry(a, claimedAt, { ok: false, error, durationMs: 0 }));
    return 'dropped';
  }
  const envelope = presentEvent(a.tenantId, event, await deps.schema.load(a.tenantId, undefined));
  const body = JSON.stringify(envelope);
  const sentAt = deps.clock.now();
  const headers = { 'content-type': 'application/json', ...signedHeaders(sub.secrets, envelope.id, body, sentAt) };
  const outcome = await deps.sender.send(sub.url, headers, body);
  const record = logEntry(a, sentAt, outcome);
  if (outcome.ok) {
    await deps.attempts.settle(a, record);
    await deps.attempts.noteSuccess(a.tenantId, a.subscriptionId);
    return 'succeeded';
  }
  const delay = retryDelay(a.attempt);
  if (delay === undefined) await deps.attempts.settle(a, record);
  else
    await deps.attempts.reschedule(a, {
      ...record,
      nextAttemptAt: new Date(sentAt.getTime() + outcome.durationMs + delay).toISOString(),
    });
  await countFailure(deps, a, sentAt);
  return delay === undefined ? 'given-up' : 'retrying';
}

export interface WorkerRun {
  outcomes: Partial<Record<AttemptOutcome | 'error', number>>;
  /** The first few errors that stopped an attempt (its lease ends and another run takes it). */
  errors: string[];
}

/**
 * Works through what is due until nothing more can start or `budgetMs` has passed (then it only
 * finishes what runs). Once sends have finished it looks again (REFILL_WAIT_MS at most): the next version
 * of a resource just delivered is due at once, and is sent in this same run.
 */
export async function deliverDue(deps: DeliveryDeps, opts: { budgetMs: number; batch?: number }): Promise<WorkerRun> {
  const started = performance.now();
  const outcomes: WorkerRun['outcomes'] = {};
  const errors: string[] = [];
  const count = (o: keyof WorkerRun['outcomes']) => (outcomes[o] = (outcomes[o] ?? 0) + 1);
  const running = new Map<string, Promise<void>>();
  // Attempts this run found waiting or taken (by key, with their lane): not tried again until an
  // attempt of the same lane finished here. Forgetting them all at every send, as it did, made a
  // deep queue of waiting versions cost one pass over all of them per send: 10,000 changes with 30 %
  // of first attempts failing left about 1,650 undelivered when the bench stopped waiting.
  const passed = new Map<string, string>();
  // Where the window of due attempts starts: past a head of attempts that cannot start (a resource's
  // later versions behind an earlier one being retried), so what is due behind them is not starved.
  // Back to the head whenever something is delivered (it may free a waiting version there).
  let after: DueAttempt | undefined;
  const batch = opts.batch ?? 200;
  while (performance.now() - started < opts.budgetMs) {
    const now = deps.clock.now();
    const page = await deps.attempts.due(now, batch, after);
    const due = page.filter(
      (a) =>
        !running.has(keyOf(a)) && !passed.has(keyOf(a)) && (!a.leaseUntil || Date.parse(a.leaseUntil) <= now.getTime()),
    );
    // Per subscription and resource only the lowest version due is a candidate.
    const firsts = new Map<string, DueAttempt>();
    for (const a of due) {
      const lane = laneOf(a);
      const held = firsts.get(lane);
      if (!held || a.version < held.version) firsts.set(lane, a);
    }
    let startedNow = 0;
    for (const a of firsts.values()) {
      if (running.size >= CONCURRENCY) break;
      const key = keyOf(a);
      startedNow++;
      running.set(
        key,
        attemptDelivery(deps, a)
          .then((o) => {
            count(o);
            const lane = laneOf(a);
            if (o === 'waiting' || o === 'taken') passed.set(key, lane);
            else {
              for (const [k, l] of passed) if (l === lane) passed.delete(k);
              after = undefined;
            }
          })
          .catch((e: Error) => {
            count('error');
            if (errors.length < 5) errors.push(e.message);
          })
          .finally(() => running.delete(key)),
      );
    }
    if (!startedNow && page.length === batch && running.size < CONCURRENCY) {
      after = page.at(-1);
      continue;
    }
    if (!running.size) break;
    await Promise.race(running.values());
    const until = performance.now() + REFILL_WAIT_MS;
    while (running.size && CONCURRENCY - running.size < REFILL_SLOTS && performance.now() < until)
      await Promise.race([...running.values(), new Promise((r) => setTimeout(r, until - performance.now()))]);
  }
  await Promise.all(running.values());
  return { outcomes, errors };
}
