import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Approval, type Task } from '#core/approvals/approval';
import { notifyTask, type ApprovalNoticeDeps, type Person } from '#core/sending/approval-notices';
import type { OutgoingMail } from '#core/sending/ports';
import { memoryApprovalNotices } from './memory-approval-notices';
import type { Tenant } from '#core/tenancy/caller';
import { sha256 } from '#core/tenancy/key-secret';

const TENANT = 'ten_01JD0000000000000000000000';
const at = '2026-11-28T10:00:00.000Z';
const approval = {
  id: 'apv_1',
  tenantId: TENANT,
  document: { id: 'doc_1', name: 'Lease.pdf', version: 2, sha256: 'x' },
  route: { id: 'apr_1', version: 1, name: 'Leases' },
  stages: [{ name: 'Finance', mode: 'all', approvers: [{ role: 'admin' }], deadline: 'P2D', onDeadline: 'remind' }],
} as unknown as Approval;
const task = (over: Partial<Task> = {}): Task =>
  ({
    id: 'tsk_1',
    tenantId: TENANT,
    approvalId: 'apv_1',
    documentId: 'doc_1',
    stage: 0,
    stageName: 'Finance',
    assignee: { role: 'admin' },
    status: 'open',
    createdAt: at,
    history: [{ type: 'created', at, actor: SYSTEM_ACTOR }],
    ...over,
  }) as Task;

/** The tenant's admins are `people` (the first may be named by `userId`), over the ports' fake. */
function fakes(people: Array<Omit<Person, 'userId'> & { userId?: string }>, over: Partial<Tenant> = {}) {
  const store = memoryApprovalNotices();
  people.forEach(({ userId, ...p }, i) =>
    store.addUser({
      tenantId: TENANT,
      userId: userId ?? `usr_${i}`,
      role: 'admin',
      active: true,
      keys: {},
      version: 1,
      createdAt: `${at}#${i}`,
      updatedAt: at,
      ...p,
    }),
  );
  store.addTenant({
    id: TENANT,
    name: 'Acme',
    plan: 'free',
    seats: 1,
    status: 'active',
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...over,
  });
  const sent: OutgoingMail[] = [];
  const deps: ApprovalNoticeDeps = {
    ...store.ports,
    publicBaseUrl: () => 'https://api.dossier.example/',
    mailer: {
      fromAddress: () => 'no-reply@mail.dossier.example',
      compose: async () => new Uint8Array(),
      send: async (_raw, mail) => (sent.push(mail), { messageId: 'm' }),
    },
  };
  return { deps, sent, links: store.links };
}

describe('approval task notices', () => {
  it('sends each approver their own email, once per notice; each reminder is a notice of its own', async () => {
    const { deps, sent } = fakes([{ email: 'a@acme.example', name: 'Ann' }, { email: 'b@acme.example' }]);
    expect(await notifyTask(deps, 'assigned', task(), approval)).toBe('sent');
    expect(await notifyTask(deps, 'assigned', task(), approval)).toBe('already-sent');
    expect(sent.map((m) => m.to)).toEqual([
      [{ name: 'Ann', address: 'a@acme.example' }],
      [{ name: undefined, address: 'b@acme.example' }],
    ]);
    expect(sent[0]).toMatchObject({
      subject: 'approval needed for Lease.pdf',
      from: { name: 'Acme via Dossier' },
      tags: { tenantId: TENANT, taskId: 'tsk_1', notice: 'assigned' },
    });
    const reminded = (n: number) =>
      task({
        history: [
          ...task().history,
          ...Array.from({ length: n }, () => ({ type: 'reminded' as const, at, actor: SYSTEM_ACTOR })),
        ],
      });
    expect(await notifyTask(deps, 'reminded', reminded(1), approval)).toBe('sent');
    expect(await notifyTask(deps, 'reminded', reminded(1), approval)).toBe('already-sent');
    expect(await notifyTask(deps, 'reminded', reminded(2), approval)).toBe('sent');
    expect(sent.at(-1)!.subject).toBe('Reminder: approval needed for Lease.pdf');
    // The deadline is a date and time in the tenant's zone (opened 28 Nov 10:00 UTC + P2D), not the duration.
    expect(sent.at(-1)!.text).toContain('past its deadline (30 November 2026, 12:00 (Europe/Tallinn))');
    expect(sent.at(-1)!.text).not.toContain('P2D');
  });

  it("writes the deadline in the tenant's language and time zone", async () => {
    const { deps, sent } = fakes([{ email: 'a@acme.example' }], {
      profile: { locale: 'et', timeZone: 'America/New_York' } as Tenant['profile'],
    });
    const reminded = task({ history: [...task().history, { type: 'reminded', at, actor: SYSTEM_ACTOR }] });
    await notifyTask(deps, 'reminded', reminded, approval);
    expect(sent[0].text).toContain('tähtaeg (30.11.2026 kell 05:00 (America/New_York)) on möödas');
  });

  it('shows the action link once in the plain-text part: the button is its label there', async () => {
    const { deps, sent } = fakes([{ email: 'a@acme.example' }]);
    await notifyTask(deps, 'assigned', task(), approval);
    const url = /(https:\/\/api\.dossier\.example\/a\/dal_[A-Za-z0-9_-]{43})/.exec(sent[0].text)![1];
    expect(sent[0].text.split(url)).toHaveLength(2);
    expect(sent[0].text).toContain('Review and decide\n');
    expect(sent[0].text).toContain(`open this link:\n${url}`);
  });

  it('tells an escalation target, and nobody when no user has an email', async () => {
    const { deps, sent } = fakes([{ email: 'boss@acme.example', userId: 'usr-boss' }]);
    expect(await notifyTask(deps, 'escalated', task({ assignee: { userId: 'usr-boss' } }), approval)).toBe('sent');
    expect(sent[0].subject).toBe('Escalated: approval needed for Lease.pdf');
    const none = fakes([]);
    expect(await notifyTask(none.deps, 'assigned', task(), approval)).toBe('nobody');
    expect(none.sent).toEqual([]);
  });

  it('mints each email its own action link, for its recipient, and mails the token whose hash it stored', async () => {
    const { deps, sent, links } = fakes([
      { email: 'a@acme.example', name: 'Ann', userId: 'usr_ann' },
      { email: 'b@acme.example', userId: 'usr_bob' },
    ]);
    await notifyTask(deps, 'assigned', task(), approval);
    await notifyTask(deps, 'assigned', task(), approval); // a retried step: claimed already, nothing minted
    expect(links.map((l) => l.link.userId)).toEqual(['usr_ann', 'usr_bob']);
    const tokens = sent.map((m) => /https:\/\/api\.dossier\.example\/a\/(dal_[A-Za-z0-9_-]{43})"/.exec(m.html)?.[1]);
    expect(tokens.every(Boolean)).toBe(true);
    expect(new Set(tokens).size).toBe(2);
    links.forEach(({ link, hash }, i) => {
      expect(hash).toBe(sha256(tokens[i]!));
      expect(JSON.stringify(link)).not.toContain(tokens[i]!);
      expect(link).toMatchObject({
        tenantId: TENANT,
        taskId: 'tsk_1',
        approvalId: 'apv_1',
        documentId: 'doc_1',
        documentVersion: 2,
      });
      expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(14 * 86_400_000);
      expect(link.id).toMatch(/^alk_/);
    });
    // One button, in the email's language; the API instructions are gone.
    expect(sent[0].html).toContain('>Review and decide</a>');
    expect(sent[0].text).not.toContain('/v1/approval-tasks');
    // A reminder is a notice of its own: a new link.
    await notifyTask(
      deps,
      'reminded',
      task({ history: [...task().history, { type: 'reminded', at, actor: SYSTEM_ACTOR }] }),
      approval,
    );
    expect(links).toHaveLength(4);
  });

  it("links to the tenant's own app when it set approvalLinkTemplate, and mints nothing", async () => {
    const { deps, sent, links } = fakes([{ email: 'a@acme.example' }], {
      approvalLinkTemplate: 'https://app.acme.example/approvals/{taskId}',
      profile: { locale: 'et' } as Tenant['profile'],
    });
    await notifyTask(deps, 'assigned', task(), approval);
    expect(links).toEqual([]);
    expect(sent[0].html).toContain('href="https://app.acme.example/approvals/tsk_1"');
    expect(sent[0].html).toContain('>Vaata ja otsusta</a>');
    expect(sent[0].html).not.toContain('/a/dal_');
  });

  describe('a delegation', () => {
    const ann = { userId: 'usr-ann', email: 'ann@acme.example', name: 'Ann Tamm' };
    const bob = { userId: 'usr-bob', email: 'bob@acme.example', name: 'Bob Kask' };
    const cat = { userId: 'usr-cat', email: 'cat@acme.example' };
    const delegation = (to: string, from: string | null, by = ann.userId) => ({
      type: 'delegated' as const,
      at,
      actor: { kind: 'key' as const, userId: by, keyId: 'key_1' },
      details: { to, from },
    });
    const delegated = (...events: ReturnType<typeof delegation>[]) =>
      task({
        assignee: { userId: ann.userId },
        delegateTo: events.at(-1)!.details.to,
        history: [...task().history, ...events],
      });

    it('tells the delegate alone, naming who handed the task over, with a link bound to the delegate', async () => {
      const { deps, sent, links } = fakes([ann, bob]);
      expect(await notifyTask(deps, 'delegated', delegated(delegation(bob.userId, null)), approval)).toBe('sent');
      expect(sent.map((m) => m.to)).toEqual([[{ name: 'Bob Kask', address: 'bob@acme.example' }]]);
      expect(sent[0].subject).toBe('Delegated to you: approval needed for Lease.pdf');
      expect(sent[0].text).toContain('Ann Tamm delegated this approval task to you: you now decide it for them.');
      expect(links.map((l) => l.link.userId)).toEqual([bob.userId]);
    });

    it('speaks Estonian as the page does: the task is handed over (üle antud)', async () => {
      const { deps, sent } = fakes([ann, bob], { profile: { locale: 'et' } as Tenant['profile'] });
      await notifyTask(deps, 'delegated', delegated(delegation(bob.userId, null)), approval);
      expect(sent[0].subject).toBe('Teile üle antud: kinnitamist ootab Lease.pdf');
      expect(sent[0].text).toContain('Ann Tamm andis selle kinnitamisülesande Teile üle. Otsuse teete nüüd tema eest.');
    });

    it('goes once per delegation: a retried notice, or the same delegation made again, mails nothing', async () => {
      const { deps, sent } = fakes([ann, bob, cat]);
      const [toBob, toBobAgain, toCat, backToBob] = [
        delegation(bob.userId, null),
        delegation(bob.userId, bob.userId),
        delegation(cat.userId, bob.userId),
        delegation(bob.userId, cat.userId),
      ];
      expect(await notifyTask(deps, 'delegated', delegated(toBob), approval)).toBe('sent');
      expect(await notifyTask(deps, 'delegated', delegated(toBob), approval)).toBe('already-sent');
      expect(await notifyTask(deps, 'delegated', delegated(toBob, toBobAgain), approval)).toBe('already-sent');
      // Handed to someone else and back: each is news to its delegate.
      expect(await notifyTask(deps, 'delegated', delegated(toBob, toBobAgain, toCat), approval)).toBe('sent');
      expect(await notifyTask(deps, 'delegated', delegated(toBob, toBobAgain, toCat, backToBob), approval)).toBe(
        'sent',
      );
      expect(sent.map((m) => m.to[0].address)).toEqual(['bob@acme.example', 'cat@acme.example', 'bob@acme.example']);
    });

    it('says so without a name when the delegator has none (never their user id)', async () => {
      const { deps, sent } = fakes([{ ...ann, name: undefined }, bob], {
        profile: { locale: 'et' } as Tenant['profile'],
      });
      await notifyTask(deps, 'delegated', delegated(delegation(bob.userId, null)), approval);
      expect(sent[0].text).toContain('See kinnitamisülesanne anti Teile otsustamiseks üle.');
      expect(sent[0].text).not.toContain(ann.userId);
    });

    it('tells nobody when the delegate has no email', async () => {
      const { deps, sent } = fakes([ann, { ...bob, email: '' }]);
      expect(await notifyTask(deps, 'delegated', delegated(delegation(bob.userId, null)), approval)).toBe('nobody');
      expect(sent).toEqual([]);
    });
  });
});
