import { DomainError, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import { mintSigningSecret } from '#core/intake/signing-secret';
import type { Page, PageRequest } from '#core/paging';
import { PLAN_WEBHOOK_SUBSCRIPTIONS } from '#core/quota/plans';
import type { TenantCaller } from '#core/tenancy/caller';
import type { WebhooksDeps } from '#core/webhooks/ports';
import { checkSettings, type SubscriptionSettings } from '#core/webhooks/subscription-input';
import type { SigningSecret, WebhookSubscription } from '#core/webhooks/subscription';
import { SubscriptionLimitError } from '#core/webhooks/subscription-limit';

/** How long a rotated-out secret keeps signing: receivers switch over within it (Standard Webhooks). */
export const SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export type SubscriptionInput = Omit<SubscriptionSettings, 'enabled'> & { enabled?: boolean };
/** `null` clears `filter` or `description`. */
export type SubscriptionPatch = Partial<Omit<SubscriptionSettings, 'filter' | 'description'>> & {
  filter?: SubscriptionSettings['filter'] | null;
  description?: string | null;
};

const rules = (deps: WebhooksDeps) => ({ allowLoopbackHttp: deps.allowLoopbackHttp });

export async function readSubscription(deps: WebhooksDeps, caller: TenantCaller, id: string) {
  return (await deps.webhooks.get(caller.tenantId, id)) ?? notFound('webhook subscription', id);
}

/** The new subscription and its secret, which no later answer shows again. */
export async function createSubscription(deps: WebhooksDeps, caller: TenantCaller, input: SubscriptionInput) {
  const settings = checkSettings({ ...input, enabled: input.enabled ?? true }, rules(deps));
  const at = now();
  const secret = mintSigningSecret();
  const sub: WebhookSubscription = {
    id: newId('whk'),
    tenantId: caller.tenantId,
    ...settings,
    secrets: [{ secret }],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const limit = PLAN_WEBHOOK_SUBSCRIPTIONS[caller.tenant.plan];
  const outcome = await deps.webhooks.create(sub, limit);
  if (outcome !== 'created') throw new SubscriptionLimitError(outcome.limit);
  return { subscription: sub, secret };
}

export const listSubscriptions = (
  deps: WebhooksDeps,
  caller: TenantCaller,
  page: PageRequest,
): Promise<Page<WebhookSubscription>> => deps.webhooks.list(caller.tenantId, page);

function expectVersion(current: WebhookSubscription, expected?: number): void {
  if (expected !== undefined && expected !== current.version)
    throw new DomainError(
      'VERSION_CONFLICT',
      `The subscription is at version ${current.version}, not ${expected}; read it again.`,
    );
}

export async function updateSubscription(
  deps: WebhooksDeps,
  caller: TenantCaller,
  id: string,
  patch: SubscriptionPatch,
  expectedVersion?: number,
): Promise<WebhookSubscription> {
  const current = await readSubscription(deps, caller, id);
  expectVersion(current, expectedVersion);
  const merged = { ...current, ...patch };
  const settings = checkSettings(
    {
      url: merged.url,
      events: merged.events,
      enabled: merged.enabled,
      ...(merged.filter ? { filter: merged.filter } : {}),
      ...(merged.description ? { description: merged.description } : {}),
    },
    rules(deps),
  );
  const { filter: _f, description: _d, disabled, ...kept } = current;
  // Switching a subscription back on is the admin's answer to delivery having switched it off.
  const stillDisabled = disabled && !(patch.enabled === true) ? { disabled } : {};
  const next: WebhookSubscription = {
    ...kept,
    ...settings,
    ...stillDisabled,
    version: current.version + 1,
    updatedAt: now(),
  };
  await deps.webhooks.update(next, current.version);
  return next;
}

export async function deleteSubscription(deps: WebhooksDeps, caller: TenantCaller, id: string): Promise<void> {
  if (!(await deps.webhooks.delete(caller.tenantId, id))) notFound('webhook subscription', id);
}

/** A new current secret; the one it replaces signs 24 h more, and secrets past their time are dropped. */
export async function rotateSubscriptionSecret(deps: WebhooksDeps, caller: TenantCaller, id: string) {
  const current = await readSubscription(deps, caller, id);
  const at = new Date(now());
  const until = new Date(at.getTime() + SECRET_GRACE_MS).toISOString();
  const secret = mintSigningSecret();
  const [previous, ...older] = current.secrets;
  const stillValid = older.filter((s) => s.until && Date.parse(s.until) > at.getTime());
  const secrets: SigningSecret[] = [{ secret }, { secret: previous.secret, until }, ...stillValid];
  const next: WebhookSubscription = {
    ...current,
    secrets,
    version: current.version + 1,
    updatedAt: at.toISOString(),
  };
  await deps.webhooks.update(next, current.version);
  return { subscription: next, secret };
}
