import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { mailTo } from '../sending/mailbox';
import { eventually } from '#test/support/eventually';
import { approvalWorld, emailedLink, form, nonceOf } from './approver-world';

// A delegate hears of the task by email, with an action link of their own, in the tenant's
// language, naming who handed it over: whether the assignee delegated through the API or the page.

const delegatedMail = async (email: string, prefix: string) =>
  eventually(async () => (await mailTo(email)).find((m) => m.subject.startsWith(prefix)));

describe('the delegation notice', () => {
  it('emails the delegate when the assignee delegates through the API, with a link that opens their page', async () => {
    const a = await approvalWorld({ profile: { locale: 'en' } });
    expectStatus(
      await call('POST', `/v1/approval-tasks/${a.task.id}/delegate`, {
        key: a.ada.key,
        body: { userId: a.bob.userId },
      }),
      200,
    );
    const mail = await delegatedMail(a.bob.email, 'Delegated to you:');
    expect(mail.subject).toBe('Delegated to you: approval needed for Service agreement 2026.pdf');
    expect(mail.body.text).toContain('Hello Bob Kask,');
    expect(mail.body.text).toContain('Ada Lovelace delegated this approval task to you');
    // Bob's own link (bound to Bob): it opens the task with the decision form.
    const token = await emailedLink(a.bob);
    expect(token).not.toBe(a.token);
    const page = expectStatus(await call('GET', `/a/${token}`), 200).body as string;
    expect(page).toContain('>Approve</button>');
  });

  it('emails the delegate in the tenant’s language when the assignee delegates from the page', async () => {
    const a = await approvalWorld({ profile: { locale: 'et' } });
    const nonce = nonceOf(expectStatus(await call('GET', `/a/${a.token}`), 200).body)!;
    expectStatus(
      await call('POST', `/a/${a.token}/delegate`, form({ nonce, toUserId: a.bob.userId, lang: 'en' })),
      200,
    );
    const mail = await delegatedMail(a.bob.email, 'Teile üle antud:');
    expect(mail.body.text).toContain(
      'Ada Lovelace andis selle kinnitamisülesande Teile üle. Otsuse teete nüüd tema eest.',
    );
    expect(mail.body.text).toContain('Vaata ja otsusta');
    const page = expectStatus(await call('GET', `/a/${await emailedLink(a.bob)}`), 200).body as string;
    expect(page).toContain('>Kinnitan</button>');
    // The form sent twice (a double click) delegates to Bob again: he has his notice already.
    expectStatus(
      await call('POST', `/a/${a.token}/delegate`, form({ nonce, toUserId: a.bob.userId, lang: 'en' })),
      200,
    );
    // One notice per delegation.
    expect((await mailTo(a.bob.email)).filter((m) => m.subject.startsWith('Teile üle antud:'))).toHaveLength(1);
  });
});
