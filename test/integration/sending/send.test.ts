import { describe, expect, it } from 'vitest';
import { adminKey, call, expectStatus, newKey, newTenant } from '../api-client';
import { createDeal, uploadDocument } from '../documents/helpers';
import { mailTo, unique } from './mailbox';

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 7), Buffer.from('\n%%EOF\n')]);

async function contact(key: string, emails: string[], firstName = 'Jane') {
  const res = await call('POST', '/v1/contacts', { key, body: { firstName, lastName: 'Client', emails } });
  return expectStatus(res, 201, 'creating a contact').body;
}

const send = (key: string, documentId: string, body: unknown, headers: Record<string, string> = {}) =>
  call('POST', `/v1/documents/${documentId}/send`, { key, body, headers });

describe('sending a document by email', () => {
  it('attaches the file, reaches SES with the recipients, and is tracked on the document and its deal', async () => {
    const t = await newTenant('Mailing GmbH');
    const deal = await createDeal(t.ownerKey);
    const doc = await uploadDocument(t.ownerKey, pdf, {
      fileName: 'offer.pdf',
      contentType: 'application/pdf',
      links: [{ entity: 'deal', id: deal.id }],
    });
    const jane = await contact(t.ownerKey, [unique('jane')]);
    const copy = unique('copy');
    const res = expectStatus(
      await send(t.ownerKey, doc.id, {
        to: [{ contactId: jane.id }],
        cc: [{ email: copy, name: 'Accounts' }],
        subject: 'Your offer',
        message: 'Hello Jane,\n\nplease find our offer attached.',
      }),
      201,
    );
    expect(res.body).toMatchObject({ status: 'sent', as: 'attachment', subject: 'Your offer', templateId: 'document' });
    expect(res.body.to).toEqual([{ email: jane.emails[0], name: 'Jane Client', contactId: jane.id }]);
    expect(res.body.messageId).toBeTruthy();

    const [mail] = await mailTo(jane.emails[0]);
    expect(mail.subject).toBe('Your offer');
    expect(mail.from).toContain('Mailing GmbH via Dossier');
    expect(mail.destination.cc.join()).toContain(copy);
    expect(mail.body.text).toContain('please find our offer attached.');
    expect(mail.body.html).toContain('<p>Hello Jane,</p>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('offer.pdf');
    expect(Buffer.from(mail.attachments[0].content, 'base64').equals(pdf)).toBe(true);

    const sends = expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: t.ownerKey }), 200);
    expect(sends.body.items.map((s: any) => [s.id, s.status])).toEqual([[res.body.id, 'sent']]);

    const entry = {
      type: 'email_sent',
      changes: [
        {
          field: 'email',
          from: null,
          to: expect.objectContaining({
            sendId: res.body.id,
            to: [jane.emails[0]],
            subject: 'Your offer',
            messageId: res.body.messageId,
            as: 'attachment',
          }),
        },
      ],
    };
    const docTimeline = expectStatus(await call('GET', `/v1/documents/${doc.id}/timeline`, { key: t.ownerKey }), 200);
    expect(docTimeline.body.items).toContainEqual(expect.objectContaining(entry));
    const dealTimeline = expectStatus(await call('GET', `/v1/deals/${deal.id}/timeline`, { key: t.ownerKey }), 200);
    expect(dealTimeline.body.items).toContainEqual(expect.objectContaining(entry));
  });

  it('sends an expiring link instead of the file; the link downloads the document and is logged', async () => {
    const t = await newTenant('Linking Ltd');
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'contract.pdf', contentType: 'application/pdf' });
    const to = unique('link');
    const res = expectStatus(
      await send(t.ownerKey, doc.id, { to: [{ email: to }], as: 'link', linkExpiresIn: 3600, templateId: 'contract' }),
      201,
    );
    expect(res.body).toMatchObject({ as: 'link', templateId: 'contract', subject: 'Your contract with Linking Ltd' });
    expect(Date.parse(res.body.linkExpiresAt) - Date.parse(res.body.createdAt)).toBe(3_600_000);

    const [mail] = await mailTo(to);
    expect(mail.attachments).toHaveLength(0);
    // English as an EU business writes it: day before month and a 24-hour clock, never 12/21/2026, 12:00 PM.
    const until = new Intl.DateTimeFormat('en-GB', {
      ...{ day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' },
      ...{ timeZone: 'Europe/Tallinn', timeZoneName: 'shortGeneric' },
    } as const).format(new Date(res.body.linkExpiresAt));
    expect(mail.body.text).toContain(`The link works until ${until}.`);
    expect(mail.body.text).toMatch(/until \d\d\/\d\d\/\d{4}, \d\d:\d\d /);
    // The link opens the client's page (issue 23); its Download serves the file and counts.
    const url = /href="([^"]+\/s\/dsh\.[^"]+)"/.exec(mail.body.html!)?.[1];
    expect(url).toBeTruthy();
    expect(mail.body.text).toContain(url!);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    await page.text();
    const download = await fetch(`${url!}/file?download=1`, { redirect: 'follow' });
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const links = expectStatus(await call('GET', `/v1/documents/${doc.id}/share-links`, { key: t.ownerKey }), 200);
    expect(links.body.items).toEqual([
      expect.objectContaining({
        id: res.body.linkId,
        downloads: 1,
        state: 'active',
        lastDownloadAt: expect.any(String),
      }),
    ]);
  });

  it('uses a built-in template for the subject and body, and refuses a template it does not know', async () => {
    const t = await newTenant('Offers & Co');
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'o.pdf', contentType: 'application/pdf' });
    const to = unique('tpl');
    expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to, name: 'Max <Boss>' }], templateId: 'offer' }), 201);
    const [mail] = await mailTo(to);
    expect(mail.subject).toBe('Your offer from Offers & Co');
    expect(mail.body.html).toContain('Dear Max &lt;Boss&gt;,');
    expect(mail.body.html).toContain('Offers &amp; Co');
    expect(mail.body.text).toContain('Dear Max <Boss>,');

    const unknown = expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to }], templateId: 'tpl_nope' }), 400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'body.templateId' })]);
  });

  it('sends one email for one Idempotency-Key', async () => {
    const t = await newTenant('Once Inc');
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'once.pdf', contentType: 'application/pdf' });
    const to = unique('once');
    const body = { to: [{ email: to }], subject: 'Just once' };
    const first = expectStatus(await send(t.ownerKey, doc.id, body, { 'idempotency-key': 'send-1' }), 201);
    const again = expectStatus(await send(t.ownerKey, doc.id, body, { 'idempotency-key': 'send-1' }), 201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await mailTo(to)).toHaveLength(1);
    const sends = expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: t.ownerKey }), 200);
    expect(sends.body.items).toHaveLength(1);
  });
});

describe('what a send refuses', () => {
  it('another tenant’s document is 404; another tenant’s contact is 400 naming it', async () => {
    const a = await newTenant('Tenant A');
    const b = await newTenant('Tenant B');
    const doc = await uploadDocument(a.ownerKey, pdf, { fileName: 'a.pdf', contentType: 'application/pdf' });
    const theirs = await contact(b.ownerKey, [unique('b')]);
    expectStatus(await send(b.ownerKey, doc.id, { to: [{ email: unique('x') }] }), 404);
    expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: b.ownerKey }), 404);
    const res = expectStatus(await send(a.ownerKey, doc.id, { to: [{ contactId: theirs.id }] }), 400);
    expect(res.body.errors).toEqual([{ path: 'body.to.0.contactId', message: `No contact with id ${theirs.id}.` }]);
  });

  it('a restricted document the caller cannot read is 404; a viewer is 403', async () => {
    const t = await newTenant('Private Ltd');
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'p.pdf', contentType: 'application/pdf' });
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, { key: t.ownerKey, body: { visibility: 'restricted' } }),
      200,
    );
    const member = await newKey(t, 'member');
    expectStatus(await send(member, doc.id, { to: [{ email: unique('m') }] }), 404);
    expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: member }), 404);
    const viewer = await newKey(t, 'viewer');
    expectStatus(await send(viewer, doc.id, { to: [{ email: unique('v') }] }), 403);
    // Nor does a viewer see its sends; on a document everyone may read, they do.
    expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: viewer }), 404);
    const open = await uploadDocument(t.ownerKey, pdf, { fileName: 'o.pdf', contentType: 'application/pdf' });
    expectStatus(await call('GET', `/v1/documents/${open.id}/sends`, { key: viewer }), 200);
  });

  it('a contact without an email, or without the email named, is 400 naming it', async () => {
    const t = await newTenant('Nomail GmbH');
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'n.pdf', contentType: 'application/pdf' });
    const none = await contact(t.ownerKey, [], 'Nora');
    const some = await contact(t.ownerKey, [unique('some')], 'Sam');
    const res = expectStatus(
      await send(t.ownerKey, doc.id, {
        to: [{ contactId: none.id }],
        cc: [{ contactId: some.id, email: unique('other') }],
      }),
      400,
    );
    expect(res.body.errors).toEqual([
      { path: 'body.to.0.contactId', message: `The contact Nora Client (${none.id}) has no email address.` },
      { path: 'body.cc.0.email', message: `is not one of the emails of the contact Sam Client (${some.id})` },
    ]);
  });

  it('refuses invalid addresses, more than 50 recipients and line breaks in subjects or names (header injection)', async () => {
    const t = await newTenant('Strict AG');
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 's.pdf', contentType: 'application/pdf' });
    const bad = async (body: unknown, path: string) => {
      const res = expectStatus(await send(t.ownerKey, doc.id, body), 400);
      expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    };
    await bad({ to: [{ email: 'not-an-address' }] }, 'body.to.0.email');
    await bad({ to: [{ email: 'a@b.example\r\nBcc: victim@evil.example' }] }, 'body.to.0.email');
    await bad({ to: Array.from({ length: 51 }, (_, i) => ({ email: `r${i}@many.example` })) }, 'body.to');
    await bad(
      {
        to: Array.from({ length: 30 }, (_, i) => ({ email: `t${i}@many.example` })),
        cc: Array.from({ length: 21 }, (_, i) => ({ email: `c${i}@many.example` })),
      },
      'body.cc',
    );
    await bad({ to: [{ email: unique('s') }], subject: 'Hi\r\nBcc: victim@evil.example' }, 'body.subject');
    await bad({ to: [{ email: unique('n'), name: 'Eve\nBcc: victim@evil.example' }] }, 'body.to.0.name');
    await bad({ to: [] }, 'body.to');
    await bad({ to: [{}] }, 'body.to.0');
    await bad({ to: [{ email: unique('l') }], linkExpiresIn: 600 }, 'body.linkExpiresIn');
    expect(await mailTo('many.example')).toHaveLength(0);
  });
});

describe("the tenant's say in its emails", () => {
  it('signs with the mail settings (PATCH /v1/tenant): sender name, reply-to and signature', async () => {
    const t = await newTenant('Settings GmbH');
    const member = await newKey(t, 'member');
    expectStatus(await call('PATCH', '/v1/tenant', { key: member, body: { mailSettings: null } }), 403);
    const bad = expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        body: { mailSettings: { fromName: 'Eve\r\nBcc: x@evil.example' } },
      }),
      400,
    );
    expect(bad.body.errors[0].path).toBe('body.mailSettings.fromName');
    const settings = {
      fromName: 'Anna at Settings',
      replyTo: 'Anna@Settings.example',
      signature: 'Anna Berg\nSettings GmbH',
    };
    const patched = expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        body: { mailSettings: settings },
        headers: { 'if-match': '"1"' },
      }),
      200,
    );
    expect(patched.body.mailSettings).toEqual(settings);
    expect(patched.headers.get('etag')).toBe('"2"');
    const audit = expectStatus(await call('GET', `/v1/admin/tenants/${t.id}/audit`, { key: adminKey() }), 200);
    expect(audit.body.items[0].changes).toEqual({
      mailSettings: { from: null, to: settings },
    });

    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'offer.pdf', contentType: 'application/pdf' });
    const to = unique('signed');
    expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to }] }), 201);
    const [mail] = await mailTo(to);
    expect(mail.from).toBe('"Anna at Settings via Dossier" <no-reply@dossier.localhost>');
    expect(mail.replyTo).toEqual(['Anna@settings.example']);
    expect(mail.body.html).toContain('<p>Anna Berg<br>Settings GmbH</p>');
  });

  it("stops an email template's loops at the documents' iteration budget: 400 at body.templateId, nothing sent", async () => {
    const t = await newTenant('Looping OÜ');
    const line = '{{#each @root.message.[0]}}';
    const created = expectStatus(
      await call('POST', '/v1/templates', {
        key: t.ownerKey,
        body: {
          name: 'Loops',
          kind: 'email',
          entity: 'deal',
          subject: 'Loops',
          // 2,000 lines cubed: 8e9 iterations, hours of one core, unless the budget stops it.
          body: `${line.repeat(3)}x{{/each}}{{/each}}{{/each}}`,
        },
      }),
      201,
    ).body;
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'l.pdf', contentType: 'application/pdf' });
    const to = unique('loops');
    const started = Date.now();
    const refused = expectStatus(
      await send(t.ownerKey, doc.id, { to: [{ email: to }], templateId: created.id, message: 'x\n'.repeat(2000) }),
      400,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(refused.body).toMatchObject({ code: 'TEMPLATE_TOO_EXPENSIVE', budget: 'iterations' });
    expect(refused.body.errors[0].path).toBe('body.templateId');
    const sends = expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: t.ownerKey }), 200);
    expect(sends.body.items).toEqual([]);
  });

  it('renders a tenant\'s own email template (kind "email"), and refuses a document template', async () => {
    const t = await newTenant('Templated AG');
    const created = expectStatus(
      await call('POST', '/v1/templates', {
        key: t.ownerKey,
        body: {
          name: 'Offer mail',
          kind: 'email',
          entity: 'deal',
          subject: '{{tenant.name}}: {{document.name}}',
          body: '<p>Hi {{default recipient.name "there"}}, your document {{document.name}} is attached.</p>',
        },
      }),
      201,
    ).body;
    const offer = expectStatus(
      await call('POST', '/v1/templates', { key: t.ownerKey, body: { fromBuiltin: 'offer', name: 'Offer' } }),
      201,
    ).body;
    const doc = await uploadDocument(t.ownerKey, pdf, { fileName: 'q.pdf', contentType: 'application/pdf' });
    const to = unique('own');
    expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to }], templateId: created.id }), 201);
    const [mail] = await mailTo(to);
    expect(mail.subject).toBe('Templated AG: q.pdf');
    expect(mail.body.text).toBe('Hi there, your document q.pdf is attached.');
    const refused = expectStatus(await send(t.ownerKey, doc.id, { to: [{ email: to }], templateId: offer.id }), 400);
    expect(refused.body.errors).toEqual([
      { path: 'body.templateId', message: `${offer.id} is a document template, not an email template (kind "email").` },
    ]);
  });
});
