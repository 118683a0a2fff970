import { readFileSync } from 'node:fs';
import type { EventBridgeEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newKey } from '../api-client';
import { approverUsers, createRoute, decide, newDocument, startApproval, tasksOf } from '../approvals/helpers';
import { conversionOf, convert, world } from '../conversion/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { unique } from '../sending/mailbox';
import { feed } from './helpers';

// One tenant's day through GET /v1/events: a record deleted, a lead converted, an approval decided
// and an email bounced each announce themselves with the right event, in the order they committed.
// The bounce is SES's recorded EventBridge event fed to the deployed handler (SES events exist on AWS only).

let sesHandler: (e: EventBridgeEvent<string, unknown>) => Promise<unknown>;
beforeAll(async () => {
  useLocalRuntimeFromThisProcess();
  ({ handler: sesHandler } = await import('#events/ses-events'));
});

const bounce = (s: { tenantId: string; documentId: string; id: string; messageId: string }, to: string) =>
  JSON.parse(
    readFileSync('test/fixtures/ses/bounce.json', 'utf8')
      .replaceAll('TENANT_ID', s.tenantId)
      .replaceAll('DOCUMENT_ID', s.documentId)
      .replaceAll('SEND_ID', s.id)
      .replaceAll('MESSAGE_ID', s.messageId)
      .replaceAll('RECIPIENT', to),
  ) as EventBridgeEvent<string, unknown>;

describe('events end to end', () => {
  it('a deleted record, a converted lead, a decided approval and a bounced email each announce themselves', async () => {
    const w = await world();
    const t = w.tenant;
    const since = new Date().toISOString();

    // A record deleted.
    const doomed = expectStatus(
      await call('POST', '/v1/companies', { key: w.key, body: { name: 'Doomed Ltd' } }),
      201,
    ).body;
    expectStatus(await call('DELETE', `/v1/companies/${doomed.id}`, { key: w.key }), 204);
    // A lead converted.
    const c = conversionOf(await convert(w.key, w.lead.id, { contact: { create: {} } }));
    // An approval decided.
    const approverId = `usr-approver-${Math.random().toString(36).slice(2, 8)}`;
    const approverKey = await newKey(t, 'member', approverId);
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
    expect(await sesHandler(bounce({ ...sent, tenantId: t.id }, to))).toBe('applied');

    const got = await feed(w.key, `from=${encodeURIComponent(since)}`);
    const one = (type: string) => {
      const matching = got.filter((e) => e.type === type);
      expect(matching, type).toHaveLength(1);
      return matching[0];
    };
    expect(one('company.deleted')).toMatchObject({ data: { id: doomed.id, version: doomed.version + 1 } });
    expect(one('lead.converted')).toMatchObject({
      conversionId: c.id,
      data: { id: w.lead.id, convertedTo: { conversionId: c.id, contactId: c.contactId } },
    });
    expect(one('approval.decided')).toMatchObject({
      actor: { userId: approverId },
      data: {
        taskId: task.id,
        approvalId: approval.id,
        decision: { decision: 'approved', by: approverId, comment: 'Signed off' },
      },
    });
    expect(one('approval.completed').data).toMatchObject({ id: approval.id, status: 'approved' });
    expect(one('email.bounced')).toMatchObject({
      actor: { kind: 'system', name: 'ses' },
      data: { id: sent.id, documentId: doc.id, status: 'bounced', events: [{ email: to, type: 'bounced' }] },
    });
    // In commit order: each after the one before it.
    const order = ['company.deleted', 'lead.converted', 'approval.decided', 'email.bounced'].map((type) =>
      got.findIndex((e) => e.type === type),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
