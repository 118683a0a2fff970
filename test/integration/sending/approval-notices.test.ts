import { describe, expect, inject, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { createRoute, newDocument, startApproval, tasksOf, world } from '../approvals/helpers';
import { eventually } from '#test/support/eventually';
import { mailTo, unique } from './mailbox';

// Approvers hear of their tasks by email, at the addresses their users carry (set with their keys).

async function approverWithEmail(w: Awaited<ReturnType<typeof world>>, role = 'member') {
  const email = unique('approver');
  const userId = `usr-notice-${Math.random().toString(36).slice(2, 9)}`;
  const res = await call('POST', '/v1/api-keys', {
    key: w.owner.key,
    body: { name: 'approver', role, userId, user: { name: 'Ada Approver', email } },
  });
  return { userId, email, key: expectStatus(res, 201, 'creating a key').body.secret as string };
}

describe('approval task notices', () => {
  it('emails the approver when a stage assigns the task, and once more for each deadline reminder', async () => {
    const w = await world();
    const ada = await approverWithEmail(w);
    const route = await createRoute(w.owner.key, {
      name: 'Contracts',
      stages: [
        { name: 'Legal', mode: 'all', approvers: [{ userId: ada.userId }], deadline: 'PT2S', onDeadline: 'remind' },
      ],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    await tasksOf(ada.key, approval.id);

    const [assigned] = await eventually(async () => {
      const mail = await mailTo(ada.email);
      return mail.length ? mail : undefined;
    });
    expect(assigned.subject).toBe('approval needed for contract.txt');
    expect(assigned.body.text).toContain('Hello Ada Approver,');
    // One button to the approver's page, on the gateway the emails link to (PUBLIC_BASE_URL); no API instructions.
    const button = /<a href="([^"]+)"[^>]*>Review and decide<\/a>/.exec(assigned.body.html ?? '');
    expect(button?.[1]).toMatch(new RegExp(`^${inject('apiUrl').replace(/\/$/, '')}/a/dal_[A-Za-z0-9_-]{43}$`));
    expect(assigned.body.text).not.toContain('/v1/approval-tasks');
    expect(assigned.body.text).not.toContain('"decision"');
    expect(assigned.body.text).toContain('stage Legal of the approval route Contracts');

    const reminder = await eventually(
      async () => (await mailTo(ada.email)).find((m) => m.subject.startsWith('Reminder:')),
      { timeoutMs: 10_000 },
    );
    // The deadline as a date and time in the tenant's zone, not the stage's duration.
    expect(reminder.body.text).toMatch(
      /past its deadline \(\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} \(Europe\/Tallinn\)\)/,
    );
    expect(reminder.body.text).not.toContain('PT2S');
    // The reminder carries a link of its own.
    const reminderLink = /\/a\/(dal_[^"]+)"/.exec(reminder.body.html ?? '')?.[1];
    expect(reminderLink).toBeDefined();
    expect(assigned.body.html).not.toContain(reminderLink!);
    // One assignment notice however often the workflow step ran.
    expect((await mailTo(ada.email)).filter((m) => !m.subject.startsWith('Reminder:'))).toHaveLength(1);
  }, 20_000);

  it('emails every user holding the role, each on their own, and skips users without an email', async () => {
    const w = await world();
    const first = await approverWithEmail(w, 'admin');
    const second = await approverWithEmail(w, 'owner');
    await w.member('admin'); // no email: not told
    const route = await createRoute(w.owner.key, {
      name: 'Admins',
      stages: [{ name: 'Board', mode: 'any', approvers: [{ role: 'admin' }] }],
    });
    const doc = await newDocument(w.owner.key);
    await startApproval(w.owner.key, doc.id, route.id);
    for (const who of [first, second]) {
      const [mail] = await eventually(async () => {
        const got = await mailTo(who.email);
        return got.length ? got : undefined;
      });
      expect(mail.destination.to).toEqual([`"Ada Approver" <${who.email}>`]);
      expect(mail.destination.cc).toEqual([]);
    }
  });

  it("links to the tenant's own app when it set approvalLinkTemplate (checked: https, holds {taskId}), in the tenant's language", async () => {
    const w = await world();
    const settings = (body: unknown) => call('PATCH', '/v1/tenant', { key: w.owner.key, body });
    for (const bad of [
      'http://app.example.com/approvals/{taskId}',
      'https://app.example.com/approvals/',
      'javascript:alert(1)//{taskId}',
      'https://user:pw@app.example.com/{taskId}',
      'https://app.example.com/a b/{taskId}',
    ]) {
      const res = expectStatus(await settings({ approvalLinkTemplate: bad }), 400, bad);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.approvalLinkTemplate']);
    }
    const set = expectStatus(
      await settings({
        approvalLinkTemplate: 'https://app.acme.example/approvals/{taskId}',
        profile: { locale: 'et' },
      }),
      200,
    ).body;
    expect(set.approvalLinkTemplate).toBe('https://app.acme.example/approvals/{taskId}');
    const ada = await approverWithEmail(w);
    const route = await createRoute(w.owner.key, {
      name: 'Lepingud',
      stages: [{ name: 'Jurist', mode: 'all', approvers: [{ userId: ada.userId }] }],
    });
    const doc = await newDocument(w.owner.key);
    const approval = await startApproval(w.owner.key, doc.id, route.id);
    const [task] = await tasksOf(ada.key, approval.id);
    const [mail] = await eventually(async () => {
      const got = await mailTo(ada.email);
      return got.length ? got : undefined;
    });
    expect(mail.subject).toBe('kinnitamist ootab contract.txt');
    expect(mail.body.html).toContain(`<a href="https://app.acme.example/approvals/${task.id}"`);
    expect(mail.body.html).toContain('>Vaata ja otsusta</a>');
    expect(mail.body.html).not.toContain('/a/dal_');
    // Removing it brings back the approver's page for the next notices.
    expect(expectStatus(await settings({ approvalLinkTemplate: null }), 200).body.approvalLinkTemplate).toBeUndefined();
  });
});
