import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { documentClient } from '#store/dynamo/client';
import { shareLinkKey } from '#store/documents/items';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { call, expectStatus, newTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { mailTo, unique } from '../sending/mailbox';
import { form, nonceOf, PDF } from './approver-world';
import { offerWorld, sendOffer, sendsOf, shareOffer, timeline } from './client-world';

// The client's page over HTTP, as a browser without JavaScript uses it: the emailed link, the page,
// the document, the acceptance and decline forms and their refusals.

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};
const headersOf = (h: Headers) => Object.fromEntries(Object.keys(PAGE_HEADERS).map((k) => [k, h.get(k)]));
const LOGO = `data:image/png;base64,${Buffer.from('not really a png but base64').toString('base64')}`;

/** SHA-256 as sha256sum prints it: the page shows it so. */
const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
const page = async (token: string, query = '') => call('GET', `/s/${token}${query}`);
const post = (token: string, what: 'accept' | 'decline', fields: Record<string, string>) =>
  call('POST', `/s/${token}/${what}`, form(fields));
const offerEntries = async (key: string, documentId: string) =>
  (await timeline(key, `/v1/documents/${documentId}`)).filter((e) => e.type.startsWith('offer_'));

describe("the client's page", () => {
  it('shows the sender, the document and its size, the PDF in a frame, Download, and records the view', async () => {
    const o = await offerWorld({
      name: 'Näidis & Partnerid OÜ',
      profile: { logo: LOGO, accentColor: '#7a1f5c', locale: 'en' },
    });
    const to = unique('viewer');
    const { send, token } = await sendOffer(o, to);
    // The email's link says what the page is for: an answer is asked.
    const [mail] = await mailTo(to);
    expect(mail.body.text).toContain('Open Pakkumine 2026-014.pdf to accept or decline it');
    const res = expectStatus(await page(token), 200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
    const html = res.body as string;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Näidis &amp; Partnerid OÜ');
    expect(html).toContain(`<img src="${LOGO}" alt="">`);
    expect(html).toContain('<link rel="stylesheet" href="/pages/assets/accent.7a1f5c.css">');
    expect(html).toContain('<dt>Sent by</dt><dd>Mari Maasikas</dd>');
    expect(html).toContain('<h1>Pakkumine 2026-014.pdf</h1>');
    expect(html).toMatch(new RegExp(`<dt>Size</dt><dd>${PDF.length} B</dd>`));
    expect(html).toContain(hex(o.doc.sha256));
    expect(html).toContain(
      `<iframe src="/s/${token}/file" title="Preview of the document: Pakkumine 2026-014.pdf"></iframe>`,
    );
    expect(html).toContain(`href="/s/${token}/file?download=1"`);
    // A send's link accepts as its recipient: no email field.
    expect(html).toContain('name="name"');
    expect(html).not.toContain('name="email"');
    expect(html).toContain('<input type="checkbox" id="accept-confirm" name="confirm" value="yes">');
    expect(html).toContain('<label for="accept-confirm">I accept this offer</label>');
    expect(nonceOf(html)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(html).toContain(`<a class="lang" href="/s/${token}?lang=et" lang="et" hreflang="et">Eesti keeles</a>`);
    expect(html).not.toMatch(/<script|https?:\/\//);

    const [viewed] = await sendsOf(o);
    expect(viewed).toMatchObject({ id: send.id, views: 1, viewedAt: expect.any(String) });
    const entries = (await timeline(o.t.ownerKey, `/v1/documents/${o.doc.id}`)).filter(
      (e) => e.type === 'document_viewed',
    );
    expect(entries).toHaveLength(1);
    expect((await timeline(o.t.ownerKey, `/v1/deals/${o.deal.id}`)).some((e) => e.type === 'document_viewed')).toBe(
      true,
    );
    // Another open counts, the timeline keeps one entry an hour.
    expectStatus(await page(token), 200);
    expect((await sendsOf(o))[0].views).toBe(2);
  });

  it('is in Estonian for an Estonian tenant, with the switch to English', async () => {
    const o = await offerWorld({ profile: { locale: 'et' } });
    const to = unique('eesti');
    const { token } = await sendOffer(o, to);
    const [mail] = await mailTo(to);
    expect(mail.body.text).toContain('Avage Pakkumine 2026-014.pdf, et sellega nõustuda või sellest loobuda');
    const html = expectStatus(await page(token), 200).body as string;
    expect(html).toContain('<html lang="et">');
    expect(html).toContain('<dt>Saatja</dt><dd>Näidis Ehitus OÜ</dd>');
    expect(html).toContain('<label for="accept-confirm">Nõustun pakkumisega</label>');
    expect(html).toContain('Loobun pakkumisest');
    expect(html).toContain(`href="/s/${token}?lang=en"`);
    expect(expectStatus(await page(token, '?lang=en'), 200).body).toContain('<html lang="en">');
  });

  it('serves the PDF inline for its frame and Download as a 302; both count toward maxDownloads', async () => {
    const o = await offerWorld();
    const { token } = await shareOffer(o, { maxDownloads: 2 });
    expectStatus(await page(token), 200);
    const file = await fetch(`${inject('apiUrl')}/s/${token}/file`, { redirect: 'manual' });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename=/);
    expect(file.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(file.headers.get('referrer-policy')).toBe('no-referrer');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const download = await call('GET', `/s/${token}/file?download=1`);
    expect(download.status).toBe(302);
    const bytes = await fetch(download.headers.get('location')!);
    expect(Buffer.from(await bytes.arrayBuffer()).equals(PDF)).toBe(true);
    // Used up: the page and the file say so, in the reader's language.
    const gone = expectStatus(await page(token, '?lang=et'), 410);
    expect(gone.body).toContain('lubatud arv kordi');
    expect(headersOf(gone.headers)).toEqual(PAGE_HEADERS);
    expect(expectStatus(await call('GET', `/s/${token}/file`), 410).body).toContain('as many times as it allows');
  });

  it('leaves /v1/shared/{token} as it was: a 302 to the file', async () => {
    const o = await offerWorld();
    const { token } = await shareOffer(o);
    const res = await call('GET', `/v1/shared/${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBeTruthy();
  });

  it('a plain link without acceptance shows no forms', async () => {
    const o = await offerWorld();
    const { token } = await shareOffer(o);
    const html = expectStatus(await page(token), 200).body as string;
    expect(html).not.toContain('<form');
    expect(html).toContain('Download');
  });

  it('a tampered, truncated or other tenant’s token is a 404 page; a revoked link a 410 page saying when', async () => {
    const o = await offerWorld();
    const { link, token } = await shareOffer(o);
    const other = await newTenant('Other OÜ');
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const otherTenant = token
      .split('.')
      .map((p, i) => (i === 1 ? other.id : p))
      .join('.');
    for (const bad of [`${token.slice(0, -1)}${last}`, token.slice(0, 20), otherTenant, 'x']) {
      const res = expectStatus(await page(bad), 404);
      expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
      expect(res.body).toContain('Link not found');
      expect(res.body).not.toContain(o.t.id);
    }
    expectStatus(await call('DELETE', `/v1/documents/${o.doc.id}/share-links/${link.id}`, { key: o.sender }), 204);
    const revoked = expectStatus(await page(token), 410);
    expect(revoked.body).toContain('The link was revoked on');
  });

  it('an expired link is its tenant’s 410 page saying when, in the tenant’s language; its file and forms refuse and nothing is counted', async () => {
    const o = await offerWorld({ profile: { locale: 'et' } });
    const { link, token } = await shareOffer(o, { acceptance: true });
    const nonce = nonceOf(expectStatus(await page(token), 200).body)!;
    // The clock cannot be moved for the API: the link's expiry is moved to an hour ago instead.
    useLocalRuntimeFromThisProcess();
    const past = new Date(Date.now() - 3600_000).toISOString();
    await documentClient().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: shareLinkKey(o.t.id, link.id),
        UpdateExpression: 'SET #l.expiresAt = :past',
        ExpressionAttributeNames: { '#l': 'link' },
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    // The link is real: its refusal page is its tenant's, in the tenant's language.
    const et = expectStatus(await page(token), 410);
    expect(headersOf(et.headers)).toEqual(PAGE_HEADERS);
    expect(et.body).toContain('<html lang="et">');
    expect(et.body).toMatch(/Link aegus \d{2}\.\d{2}\.\d{4}/);
    expect(et.body).toContain('Näidis Ehitus OÜ');
    expect(et.body).not.toContain('<form');
    expect(expectStatus(await page(token, '?lang=en'), 410).body).toContain('The link expired on');
    expectStatus(await call('GET', `/s/${token}/file`), 410);
    expectStatus(await call('GET', `/s/${token}/file?download=1`), 410);
    expectStatus(
      await post(token, 'accept', { nonce, name: 'Jane Client', email: 'jane@client.example', confirm: 'yes' }),
      410,
    );
    expectStatus(await call('GET', `/v1/shared/${token}`), 410);
    const [after] = expectStatus(await call('GET', `/v1/documents/${o.doc.id}/share-links`, { key: o.sender }), 200)
      .body.items;
    expect(after).toMatchObject({ id: link.id, views: 1, downloads: 0, state: 'expired' });
    expect((await timeline(o.t.ownerKey, `/v1/documents/${o.doc.id}`)).some((e) => e.type === 'offer_accepted')).toBe(
      false,
    );
  });
});

describe('accepting an offer from the page', () => {
  it('refuses bad names by the field (escaped, aria-invalid), an unticked box, a missing or other nonce; then accepts once', async () => {
    const o = await offerWorld({ stage: true, profile: { locale: 'en' } });
    const to = unique('accepts');
    const { send, token } = await sendOffer(o, to);
    const nonce = nonceOf(expectStatus(await page(token), 200).body)!;
    const { token: otherToken } = await sendOffer(o, unique('other'));
    const otherNonce = nonceOf(expectStatus(await page(otherToken), 200).body)!;

    for (const [name, message] of [
      ['', 'Type your name.'],
      ['x'.repeat(201), 'The name may have at most 200 characters.'],
      ['Jane\u0007Client', 'The name must be one line, without control characters.'],
      ['<b>Jane</b>', 'The name must be plain text, without &lt; &gt; or HTML entities.'],
    ]) {
      const res = expectStatus(await post(token, 'accept', { nonce, name, confirm: 'yes', lang: 'en' }), 400);
      const html = res.body as string;
      expect(html).toMatch(
        /<input type="text" id="accept-name" name="name"[^>]*aria-describedby="accept-name-error" aria-invalid="true"/,
      );
      expect(html).toContain(`<p class="field-error" id="accept-name-error">${message}</p>`);
      expect(html).not.toContain('<b>Jane</b>');
    }
    const marked = expectStatus(await post(token, 'accept', { nonce, name: '<b>Jane</b>', confirm: 'yes' }), 400);
    expect(marked.body).toContain('value="&lt;b&gt;Jane&lt;/b&gt;"');

    const unticked = expectStatus(await post(token, 'accept', { nonce, name: 'Jane Client', lang: 'en' }), 400);
    expect(unticked.body).toContain('aria-invalid="true" aria-describedby="accept-confirm-error"');
    expect(unticked.body).toContain('To accept, tick “I accept this offer”.');
    expect(unticked.body).toContain('value="Jane Client"');

    for (const fields of [{}, { nonce: otherNonce }, { nonce: `${nonce.slice(0, -1)}x` }] as Array<
      Record<string, string>
    >) {
      const res = expectStatus(await post(token, 'accept', { ...fields, name: 'Jane Client', confirm: 'yes' }), 400);
      expect(res.body).toContain('The form did not come from this page');
    }
    expect(await offerEntries(o.t.ownerKey, o.doc.id)).toEqual([]);

    // A double click: both answer the confirmation, one acceptance is recorded.
    const fields = { nonce, name: 'Jane Client', confirm: 'yes', lang: 'en' };
    const [first, second] = await Promise.all([post(token, 'accept', fields), post(token, 'accept', fields)]);
    for (const res of [first, second]) {
      expectStatus(res, 200);
      expect(res.body).toContain('<h1>Thank you: you accepted the offer</h1>');
      expect(res.body).toContain(`The acceptance certificate is being emailed to ${to}.`);
      expect(res.body).toContain(hex(o.doc.sha256));
    }
    const accepted = await offerEntries(o.t.ownerKey, o.doc.id);
    expect(accepted.map((e) => e.type)).toEqual(['offer_accepted']);
    expect((await sendsOf(o)).find((s) => s.id === send.id).answer).toMatchObject({ decision: 'accepted' });
    const deal = expectStatus(await call('GET', `/v1/deals/${o.deal.id}`, { key: o.t.ownerKey }), 200).body;
    expect(deal.stageId).toBe(o.won.id);

    // Afterwards: the page says who accepted; declining is a 409 page.
    const after = expectStatus(await page(token), 200).body as string;
    expect(after).toContain('Jane Client accepted this offer on');
    expect(after).not.toContain('<form');
    const declined = expectStatus(
      await post(token, 'decline', { nonce, name: 'Jane Client', reason: 'Changed my mind', lang: 'en' }),
      409,
    );
    expect(declined.body).toContain('This offer was already accepted on');
  });

  it('a plain share link asks for an email; a wrong one is marked by its field', async () => {
    const o = await offerWorld({ profile: { locale: 'et' } });
    const { token } = await shareOffer(o, { acceptance: true });
    const html = expectStatus(await page(token), 200).body as string;
    expect(html).toContain('<input type="email" id="accept-email" name="email"');
    const nonce = nonceOf(html)!;
    const bad = expectStatus(
      await post(token, 'accept', { nonce, name: 'Jaan Klient', email: 'not an address', confirm: 'yes', lang: 'et' }),
      400,
    );
    expect(bad.body).toContain('<p class="field-error" id="accept-email-error">Sisestage e-posti aadress');
    expect(bad.body).toContain('aria-invalid="true"');
    const ok = expectStatus(
      await post(token, 'accept', {
        nonce,
        name: 'Jaan Klient',
        email: 'jaan@klient.example',
        confirm: 'yes',
        lang: 'et',
      }),
      200,
    );
    expect(ok.body).toContain('<h1>Aitäh! Olete pakkumisega nõustunud</h1>');
    expect(ok.body).toContain('Nõustumise tõend saadetakse aadressile jaan@klient.example.');
  });

  it('a newer version since the link was sent: refused with a page naming it, nothing accepted', async () => {
    const o = await offerWorld({ profile: { locale: 'en' } });
    const { token } = await sendOffer(o, unique('changed'));
    const nonce = nonceOf(expectStatus(await page(token), 200).body)!;
    await uploadDocument(o.sender, Buffer.concat([PDF, Buffer.from('v2')]), {
      fileName: 'Pakkumine 2026-014.pdf',
      contentType: 'application/pdf',
      documentId: o.doc.id,
    });
    const shown = expectStatus(await page(token), 200).body as string;
    expect(shown).toContain('it was sent with version 1 of the document, which now has a newer version 2');
    expect(shown).not.toContain('<form');
    const res = expectStatus(await post(token, 'accept', { nonce, name: 'Jane Client', confirm: 'yes' }), 410);
    expect(res.body).toContain('newer version 2');
    expect((await offerEntries(o.t.ownerKey, o.doc.id)).map((e) => e.type)).toEqual(['offer_version_changed']);
  });

  it('declines with a reason (required, marked by its field when missing)', async () => {
    const o = await offerWorld({ profile: { locale: 'en' } });
    const { token } = await sendOffer(o, unique('declines'));
    const nonce = nonceOf(expectStatus(await page(token), 200).body)!;
    const none = expectStatus(
      await post(token, 'decline', { nonce, name: 'Jane Client', reason: ' ', lang: 'en' }),
      400,
    );
    expect(none.body).toContain('<p class="field-error" id="decline-reason-error">Say why you decline the offer.</p>');
    expect(none.body).toMatch(/<textarea id="decline-reason"[^>]*aria-invalid="true"/);
    const res = expectStatus(
      await post(token, 'decline', { nonce, name: 'Jane Client', reason: 'Too expensive <for us>', lang: 'en' }),
      200,
    );
    expect(res.body).toContain('<h1>You declined the offer</h1>');
    expect(res.body).toContain('Too expensive &lt;for us&gt;');
    expect((await offerEntries(o.t.ownerKey, o.doc.id)).map((e) => e.type)).toEqual(['offer_declined']);
  });
});
