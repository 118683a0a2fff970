import { describe, expect, it } from 'vitest';
import {
  certificateFileName,
  certificateHtml,
  certificateLanguage,
  certificateMail,
} from '#core/sending/acceptance-certificate';
import { checkAnswer, hashIp } from '#core/sending/share-page';

const acceptance = {
  id: 'acc_01KB2Y3Z4A5B6C7D8E9F0G1H2J',
  tenantId: 'ten_x',
  documentId: 'doc_x',
  linkId: 'shl_x',
  decision: 'accepted' as const,
  name: 'Jane Client',
  email: 'jane@client.example',
  at: '2026-12-07T05:58:12.345Z',
  ipHash: 'ab'.repeat(32),
  userAgent: 'Agent "X" <1>',
  documentVersion: 3,
  sha256: 'sWtO5OsSKSRhw1jNeVgVnc62TnGNdPALhverAjTsVvE=',
};

describe('the acceptance certificate', () => {
  it("speaks the generated document's language, else the tenant's, else English", () => {
    expect(certificateLanguage('et-EE', { locale: 'en' })).toBe('et');
    expect(certificateLanguage(undefined, { locale: 'et' })).toBe('et');
    expect(certificateLanguage('en', { locale: 'et' })).toBe('en');
    expect(certificateLanguage(undefined, undefined)).toBe('en');
  });

  it('states what was accepted, by whom, when, the version and the SHA-256, every value escaped', () => {
    const { html, paper } = certificateHtml({
      acceptance,
      documentName: 'Offer <script>alert(1)</script>.pdf',
      tenantName: 'Acme & Sons',
      language: 'en',
    });
    expect(paper.size).toBe('A4');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Offer &lt;script&gt;alert(1)&lt;/script&gt;.pdf');
    expect(html).toContain('Acme &amp; Sons');
    expect(html).toContain('Agent &quot;X&quot; &lt;1&gt;');
    for (const shown of ['Jane Client', 'jane@client.example', acceptance.sha256, '>3<', '2026-12-07 05:58:12.345 UTC'])
      expect(html).toContain(shown);
    // In the tenant's time zone (default Europe/Tallinn, UTC+2 in December).
    expect(html).toContain('07:58:12');
  });

  it('names its file and its email in the language', () => {
    expect(certificateFileName('Pakkumine 12.pdf', 'et')).toBe('Pakkumine 12 – nõustumise tõend.pdf');
    const mail = certificateMail({ acceptance, documentName: 'o.pdf', tenantName: 'Acme', language: 'et' });
    expect(mail.subject).toBe('Teie nõustumine: „o.pdf“ – tõend');
    expect(mail.html).toContain('<p>Tere, Jane Client!</p>');
  });
});

describe('the answer on the page', () => {
  const base = { ip: '1.2.3.4', userAgent: 'x' };
  it('takes a plain name of 1 to 200 characters, trimmed', () => {
    expect(checkAnswer({ ...base, name: ` ${'a'.repeat(200)} ` }, 'accepted', 'j@x.example')).toMatchObject({
      ok: true,
    });
    expect(checkAnswer({ ...base, name: 'a'.repeat(201) }, 'accepted', 'j@x.example')).toMatchObject({ field: 'name' });
    expect(checkAnswer({ ...base, name: 'a &lt; b' }, 'accepted', 'j@x.example')).toMatchObject({ field: 'name' });
    expect(checkAnswer({ ...base, name: 'Tom & Jerry' }, 'accepted', 'j@x.example')).toMatchObject({ ok: true });
  });

  it("hashes an IP under the tenant's salt", () => {
    expect(hashIp('a', '1.2.3.4')).not.toBe(hashIp('b', '1.2.3.4'));
    expect(hashIp('a', '1.2.3.4')).toBe(hashIp('a', '1.2.3.4'));
  });
});
