import { keyActor, readActor } from '#core/actor';
import { newId } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import type { DeliveryRecord } from '#core/webhooks/attempt';
import type { DeliveryDeps } from '#core/webhooks/delivery-ports';
import { readForDelivery } from '#core/webhooks/read-subscription';
import { signedHeaders } from '#core/webhooks/signature';

// `POST /v1/webhooks/{id}/test`: one `webhook.test` event sent now, signed as every delivery is,
// to an enabled or a switched-off subscription (checking a receiver before switching it back on),
// waited for, logged, and answered with what the receiver did. Nothing is queued or retried.

export const TEST_EVENT_TYPE = 'webhook.test';

export async function sendTestEvent(deps: DeliveryDeps, caller: TenantCaller, subscriptionId: string) {
  const sub = await readForDelivery(deps, caller, subscriptionId);
  const now = deps.clock.now();
  const envelope = {
    id: newId('evt'),
    type: TEST_EVENT_TYPE,
    tenantId: caller.tenantId,
    occurredAt: now.toISOString(),
    actor: readActor(keyActor(caller)),
    data: {
      webhookId: sub.id,
      message: 'A test event from Dossier: your receiver is reachable and verifies signatures.',
    },
  };
  const body = JSON.stringify(envelope);
  const headers = { 'content-type': 'application/json', ...signedHeaders(sub.secrets, envelope.id, body, now) };
  const outcome = await deps.sender.send(sub.url, headers, body);
  const record: DeliveryRecord = {
    id: newId('dlv'),
    tenantId: caller.tenantId,
    subscriptionId: sub.id,
    eventId: envelope.id,
    eventType: TEST_EVENT_TYPE,
    attempt: 1,
    at: now.toISOString(),
    status: outcome.ok ? 'succeeded' : 'failed',
    ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    durationMs: outcome.durationMs,
    ...(outcome.response !== undefined ? { response: outcome.response } : {}),
  };
  await deps.log.record(record);
  return record;
}
