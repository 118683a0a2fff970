import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { follow, uploadDocument } from '../documents/helpers';
import { mailTo, unique } from '../sending/mailbox';
import { download } from '../templates/helpers';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { setEInvoice } from './fixture';
import { lines, opted, settled, type Setup } from './helpers';

// Issue 22, sending: an invoice generated with a valid e-invoice goes out with its XML beside the
// PDF, as the buyer's bookkeeping wants it; read back from the local SES store as received.
// DOSSIER_PDF_DIR=/some/dir keeps the email (text, HTML) and both attachments, to look at them.

const send = (key: string, documentId: string, body: Record<string, unknown>) =>
  call('POST', `/v1/documents/${documentId}/send`, { key, body });

describe('sending an invoice with its e-invoice', () => {
  let s: Setup;
  let pdf: any;
  let xml: any;
  beforeAll(async () => {
    s = await opted('E-arve saatja OÜ');
    const dealId = await s.deal({ lineItems: lines(3), paymentTermDays: 14 });
    useLocalRuntimeFromThisProcess();
    pdf = await settled(s.key, expectStatus(await s.generate(dealId, { issueDate: '2026-12-07' }), 201).body);
    expect(pdf.eInvoice).toMatchObject({ status: 'valid', kind: 'Invoice' });
    xml = expectStatus(await call('GET', `/v1/documents/${pdf.eInvoice.documentId}`, { key: s.key }), 200).body;
  }, 120_000);

  it('attaches the XML beside the PDF by default, each with its name and type; the e-invoice route serves the same XML', async () => {
    const to = unique('buyer');
    const sent = expectStatus(await send(s.key, pdf.id, { to: [{ email: to }], templateId: 'invoice' }), 201).body;
    // The send and the invoice's timeline say the e-invoice went with it, and which version.
    expect(sent.eInvoice).toEqual({ documentId: xml.id, version: xml.currentVersion });
    const sends = expectStatus(await call('GET', `/v1/documents/${pdf.id}/sends`, { key: s.key }), 200).body.items;
    expect(sends.find((x: { id: string }) => x.id === sent.id).eInvoice).toEqual(sent.eInvoice);
    const timeline = expectStatus(await call('GET', `/v1/documents/${pdf.id}/timeline`, { key: s.key }), 200).body;
    expect(timeline.items).toContainEqual(
      expect.objectContaining({
        type: 'email_sent',
        changes: [expect.objectContaining({ to: expect.objectContaining({ sendId: sent.id, eInvoice: xml.id }) })],
      }),
    );
    const [mail] = await mailTo(to);
    const keep = process.env.DOSSIER_PDF_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, 'e-invoice-mail.txt'), `${mail.subject}\n\n${mail.body.text}`);
      writeFileSync(join(keep, 'e-invoice-mail.html'), mail.body.html ?? '');
      for (const a of mail.attachments) writeFileSync(join(keep, a.filename!), Buffer.from(a.content, 'base64'));
    }
    // The email says what is attached, the e-invoice too (the tenant's language: et).
    expect(mail.body.text).toContain(`Manuses on ${pdf.name}.`);
    expect(mail.body.text).toContain(`E-arve on manuses failina ${xml.name}.`);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [pdf.name, 'application/pdf'],
      [xml.name, 'application/xml'],
    ]);
    const [pdfBytes, xmlBytes] = await Promise.all([download(s.key, pdf.id), download(s.key, xml.id)]);
    expect(Buffer.from(mail.attachments[0].content, 'base64').equals(pdfBytes)).toBe(true);
    expect(Buffer.from(mail.attachments[1].content, 'base64').equals(xmlBytes)).toBe(true);
    expect(xmlBytes.toString('utf8')).toContain(`<cbc:ID>${pdf.generated.number}</cbc:ID>`);

    const viaRoute = await follow(
      expectStatus(await call('GET', `/v1/documents/${pdf.id}/e-invoice`, { key: s.key }), 302),
    );
    expect(Buffer.from(await viaRoute.arrayBuffer()).equals(xmlBytes)).toBe(true);
  });

  it('sends the PDF alone with attachEInvoice: false', async () => {
    const to = unique('pdf-only');
    const sent = expectStatus(await send(s.key, pdf.id, { to: [{ email: to }], attachEInvoice: false }), 201).body;
    expect(sent.eInvoice).toBeUndefined();
    const [mail] = await mailTo(to);
    expect(mail.attachments.map((a) => a.filename)).toEqual([pdf.name]);
    expect(mail.body.text).not.toContain('E-arve on manuses');
  });

  it('refuses attachEInvoice: true without a valid e-invoice, or with a link, and sends nothing', async () => {
    const plain = await uploadDocument(s.key, '%PDF-1.4\n%%EOF\n', {
      fileName: 'offer.pdf',
      contentType: 'application/pdf',
    });
    const to = unique('refused');
    const noEInvoice = expectStatus(
      await send(s.key, plain.id, { to: [{ email: to }], attachEInvoice: true }),
      400,
    ).body;
    expect(noEInvoice.errors).toEqual([
      {
        path: 'body.attachEInvoice',
        message: 'no valid e-invoice to attach: it is not an invoice generated with one',
      },
    ]);
    const asLink = expectStatus(
      await send(s.key, pdf.id, { to: [{ email: to }], as: 'link', attachEInvoice: true }),
      400,
    ).body;
    expect(asLink.errors.map((e: { path: string }) => e.path)).toEqual(['body.attachEInvoice']);
    // The default stays quiet where there is nothing to attach: the upload goes alone.
    expectStatus(await send(s.key, plain.id, { to: [{ email: to }] }), 201);
    const got = await mailTo(to);
    expect(got).toHaveLength(1);
    expect(got[0].attachments.map((a) => a.filename)).toEqual(['offer.pdf']);
  });

  it('waits for a pending e-invoice (409 with Retry-After, by default too) and refuses an invalid one asked for (409); nothing is sent', async () => {
    const s2 = await opted('E-arve ootel OÜ');
    const doc = await settled(
      s2.key,
      expectStatus(await s2.generate(await s2.deal({ lineItems: lines(2) })), 201).body,
    );
    const to = unique('waiting');
    // As the document is between its generation and its Schematron's result.
    await setEInvoice(s2.tenantId, doc.id, { ...doc.eInvoice, status: 'pending' });
    for (const body of [{ to: [{ email: to }] }, { to: [{ email: to }], attachEInvoice: true }]) {
      const waiting = expectStatus(await send(s2.key, doc.id, body), 409);
      expect(waiting.headers.get('retry-after')).toBe('2');
      expect(waiting.body.detail).toContain('still being validated');
      expect(waiting.body.eInvoice.status).toBe('pending');
    }
    expect(await mailTo(to)).toEqual([]);

    const errors = [{ rule: 'BR-CO-15', message: 'Totals disagree.', path: '/Invoice' }];
    await setEInvoice(s2.tenantId, doc.id, { ...doc.eInvoice, status: 'invalid', errors });
    const invalid = expectStatus(await send(s2.key, doc.id, { to: [{ email: to }], attachEInvoice: true }), 409).body;
    expect(invalid.detail).toContain('BR-CO-15');
    expect(await mailTo(to)).toEqual([]);
    // By default an invalid e-invoice stays home: the PDF goes alone.
    expectStatus(await send(s2.key, doc.id, { to: [{ email: to }] }), 201);
    const [mail] = await mailTo(to);
    expect(mail.attachments.map((a) => a.filename)).toEqual([doc.name]);
  });
});
