import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { SENDING_LIMITS } from '#core/sending/limits';
import { MailNotSent } from '#core/sending/ports';
import { sendDocument } from '#core/sending/send-document';
import { SendRequest } from '#core/sending/send-request';
import { atEdge } from '../../../support/edge';
import { callerOf, memoryWorld, USERS, type World } from '../documents/fakes/memory-documents';
import { uploadFile } from '../documents/fakes/upload-file';
import { memorySending } from './memory-sending';

let world: World;
let sending: ReturnType<typeof memorySending>;
const owner = callerOf('owner', USERS.owner, 'free');
const url = (token: string) => `https://api.example/v1/shared/${token}`;

beforeEach(() => {
  world = memoryWorld('2026-11-28T23:59:30.000Z');
  sending = memorySending(world);
});

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as DomainError,
  );

describe('sendDocument', () => {
  it('sends from "<tenant> via Dossier" with the tenant reply-to and signature, tagged with tenant, document and send', async () => {
    const { document } = await uploadFile(world, owner, { name: 'offer.pdf' });
    const caller = {
      ...owner,
      tenant: {
        ...owner.tenant,
        mailSettings: { fromName: 'Acme Sales', replyTo: 'sales@acme.example', signature: 'Anna\nAcme Sales' },
      },
    };
    const sent = await sendDocument(
      sending.deps,
      caller,
      document.id,
      atEdge(SendRequest, { to: [{ email: 'Jo@Client.example' }] }),
      url,
    );
    const [mail] = sending.outbox;
    expect(mail.from).toEqual({ name: 'Acme Sales via Dossier', address: 'no-reply@mail.dossier.example' });
    expect(mail.replyTo).toBe('sales@acme.example');
    expect(mail.to).toEqual([{ address: 'jo@client.example', name: undefined }]);
    expect(mail.html).toContain('<p>Anna<br>Acme Sales</p>');
    expect(mail.tags).toEqual({ tenantId: owner.tenantId, documentId: document.id, sendId: sent.id });
    expect(mail.attachments?.map((a) => a.fileName)).toEqual(['offer.pdf']);
    expect(sent).toMatchObject({ status: 'sent', messageId: 'msg-1', subject: 'offer.pdf from Acme' });
  });

  it('keeps a send SES refused as failed with the reason, answers 502, and gives the allowance back', async () => {
    const { document } = await uploadFile(world, owner, {});
    sending.refuseWith(
      new MailNotSent('SES refused the message: MessageRejected: Email address is not verified.', false),
    );
    const e = await fail(
      sendDocument(
        sending.deps,
        owner,
        document.id,
        atEdge(SendRequest, { to: [{ email: 'a@b.example' }], as: 'link' }),
        url,
      ),
    );
    expect(e.code).toBe('SEND_FAILED');
    expect(e.message).toContain('Email address is not verified');
    const [failed] = sending.sends.values();
    expect(failed).toMatchObject({ status: 'failed', reason: expect.stringContaining('MessageRejected') });
    expect(failed.linkId).toBeUndefined();
    expect(sending.links).toEqual([]);
    expect([...sending.counters.values()]).toEqual([0, 0]);
  });

  it("stops at the plan's daily cap with Retry-After until midnight UTC", async () => {
    const { document } = await uploadFile(world, owner, {});
    const perDay = SENDING_LIMITS.free.perDay;
    for (let i = 0; i < perDay / 50; i++) {
      const key = `${owner.tenantId}#M#2026-11-28T23:59`;
      sending.counters.set(key, 0); // a fresh minute each time: only the day fills up
      await sendDocument(
        sending.deps,
        owner,
        document.id,
        atEdge(SendRequest, { to: Array.from({ length: 50 }, (_, j) => ({ email: `r${i}-${j}@x.example` })) }),
        url,
      );
    }
    sending.counters.set(`${owner.tenantId}#M#2026-11-28T23:59`, 0);
    const e = await fail(
      sendDocument(sending.deps, owner, document.id, atEdge(SendRequest, { to: [{ email: 'one@x.example' }] }), url),
    );
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.headers['retry-after']).toBe('30');
    expect(e.message).toContain(`${perDay} recipients a day`);
  });

  it('creates the share link only with a sent email, expiring when asked', async () => {
    const { document } = await uploadFile(world, owner, {});
    const sent = await sendDocument(
      sending.deps,
      owner,
      document.id,
      atEdge(SendRequest, { to: [{ email: 'a@b.example' }], as: 'link', linkExpiresIn: 120 }),
      url,
    );
    expect(sending.links).toEqual([
      expect.objectContaining({ id: sent.linkId, expiresAt: '2026-11-29T00:01:30.000Z' }),
    ]);
    expect(sending.outbox[0].html).toMatch(/href="https:\/\/api\.example\/v1\/shared\/dsh\.ten_[^"]+"/);
    expect(sending.outbox[0].attachments).toEqual([]);
  });

  it('resolves contacts to their first email, or the one named, and sends an address named twice once', async () => {
    sending.contacts.set('con_01JD0000000000000000000001', {
      id: 'con_01JD0000000000000000000001',
      name: 'Jane Doe',
      emails: ['jane@work.example', 'jane@home.example'],
    });
    const { document } = await uploadFile(world, owner, {});
    const sent = await sendDocument(
      sending.deps,
      owner,
      document.id,
      atEdge(SendRequest, {
        to: [{ contactId: 'con_01JD0000000000000000000001' }, { email: 'jane@work.example' }],
        cc: [{ contactId: 'con_01JD0000000000000000000001', email: 'jane@home.example' }],
      }),
      url,
    );
    expect(sent.to).toEqual([
      { email: 'jane@work.example', name: 'Jane Doe', contactId: 'con_01JD0000000000000000000001' },
    ]);
    expect(sent.cc).toEqual([
      { email: 'jane@home.example', name: 'Jane Doe', contactId: 'con_01JD0000000000000000000001' },
    ]);
  });

  it('refuses a viewer-invisible restricted document as not found, before anything is counted', async () => {
    const { document } = await uploadFile(world, callerOf('member', USERS.alice, 'free'), {});
    world.documents.set(document.id, { ...world.documents.get(document.id)!, visibility: 'restricted' });
    const e = await fail(
      sendDocument(
        sending.deps,
        callerOf('member', USERS.bob, 'free'),
        document.id,
        atEdge(SendRequest, { to: [{ email: 'a@b.example' }] }),
        url,
      ),
    );
    expect(e.code).toBe('NOT_FOUND');
    expect(sending.counters.size).toBe(0);
  });
});
