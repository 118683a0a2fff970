import { readFileSync } from 'node:fs';
import type { EventBridgeEvent } from 'aws-lambda';
import { expect } from 'vitest';
import { call, expectStatus, newKey } from '../api-client';
import { approverUsers, createRoute, decide, newDocument, startApproval, tasksOf } from '../approvals/helpers';
import { conversionOf, convert, type World } from '../conversion/helpers';
import { unique } from '../sending/mailbox';

// One tenant's day, as the end-to-end case: a record deleted, a lead converted, an approval
// decided and an email bounced. Read from the feed (events/end-to-end.test.ts) and delivered to a
// webhook receiver (webhooks/delivery-end-to-end.test.ts), each must announce itself rightly.
// The bounce is SES's recorded EventBridge event fed to the deployed handler (SES events exist on
// AWS only); the caller's process must point its store at the runtime (useLocalRuntimeFromThisProcess).

export const DAY_EVENT_TYPES = [
  'company.deleted',
  'lead.converted',
  'approval.decided',
  'approval.completed',
  'email.bounced',
] as const;

const bounce = (s: { tenantId: string; documentId: string; id: string; messageId: string }, to: string) =>
  JSON.parse(
    readFileSync('test/fixtures/ses/bounce.json', 'utf8')
      .replaceAll('TENANT_ID', s.tenantId)
      .replaceAll('DOCUMENT_ID', s.documentId)
      .replaceAll('SEND_ID', s.id)
      .replaceAll('MESSAGE_ID', s.messageId)
      .replaceAll('RECIPIENT', to),
  ) as EventBridgeEvent<string, unknown>;

export async function liveTenantDay(w: World) {
  const { handler: sesHandler } = await import('#events/ses-events');
  // A record deleted.
  const doomed = expectStatus(await call('POST', '/v1/companies', { key: w.key, body: { name: 'Doomed Ltd' } }), 201)
    .body as { id: string; version: number };
  expectStatus(await call('DELETE', `/v1/companies/${doomed.id}`, { key: w.key }), 204);
  // A lead converted.
  const conversion = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
  // An approval decided.
  const approverId = `usr-approver-${Math.random().toString(36).slice(2, 8)}`;
  const approverKey = await newKey(w.tenant, 'member', approverId);
  const route = await createRoute(w.key, {
    name: 'Sign-off',
    stages: [{ name: 'Sign-off', mode: 'all', approvers: approverUsers(approverId) }],
  });
  const doc = await newDocument(w.key);
  const approval = await startApproval(w.key, doc.id, route.id);
  const [task] = await tasksOf(approverKey, approval.id);
  expectStatus(await decide(approverKey, task.id, 'approve', 'Signed off'), 200);
  // An email bounced.
  const to = unique('bounce');
  const sent = expectStatus(
    await call('POST', `/v1/documents/${doc.id}/send`, { key: w.key, body: { to: [{ email: to }] } }),
    201,
  ).body;
  expect(await sesHandler(bounce({ ...sent, tenantId: w.tenant.id }, to))).toBe('applied');
  return { w, doomed, conversion, approverId, approval, task, doc, sent, to };
}

type Day = Awaited<ReturnType<typeof liveTenantDay>>;
type AnEvent = { type: string; actor?: unknown; data?: unknown } & Record<string, unknown>;

/** Each of the day's changes announced once, rightly. */
export function expectDayAnnounced(got: AnEvent[], day: Day): void {
  const one = (type: string) => {
    const matching = got.filter((e) => e.type === type);
    expect(matching, type).toHaveLength(1);
    return matching[0];
  };
  expect(one('company.deleted')).toMatchObject({ data: { id: day.doomed.id, version: day.doomed.version + 1 } });
  expect(one('lead.converted')).toMatchObject({
    conversionId: day.conversion.id,
    data: { id: day.w.lead.id, convertedTo: { conversionId: day.conversion.id, contactId: day.conversion.contactId } },
  });
  expect(one('approval.decided')).toMatchObject({
    actor: { userId: day.approverId },
    data: {
      taskId: day.task.id,
      approvalId: day.approval.id,
      decision: { decision: 'approved', by: day.approverId, comment: 'Signed off' },
    },
  });
  expect(one('approval.completed').data).toMatchObject({ id: day.approval.id, status: 'approved' });
  expect(one('email.bounced')).toMatchObject({
    actor: { kind: 'system', name: 'ses' },
    data: {
      id: day.sent.id,
      documentId: day.doc.id,
      status: 'bounced',
      events: [{ email: day.to, type: 'bounced' }],
    },
  });
}
