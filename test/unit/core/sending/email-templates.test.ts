import { describe, expect, it } from 'vitest';
import { builtInEmailTemplates, renderEmail } from '#core/sending/email-templates';
import { plainText } from '#core/sending/plain-text';

const data = {
  document: { name: 'Offer 2026-17.pdf' },
  tenant: { name: 'Müller & Söhne' },
  recipient: { name: 'Jo <script>alert(1)</script>' },
  message: 'Hello Jo,\n\nline one\nline two',
};

describe('email templates', () => {
  it('escapes every value in the HTML, keeps the message lines, and writes the subject as plain text', async () => {
    const out = (await builtInEmailTemplates.render('ten_x', 'invoice', data))!;
    expect(out.subject).toBe('Your invoice from Müller & Söhne');
    expect(out.html).toContain('Dear Jo &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(out.html).toContain('<p>line one<br>line two</p>');
    expect(out.html).not.toContain('<script>');
    expect(out.text).toContain('Dear Jo <script>alert(1)</script>,');
    expect(out.text).toContain('line one\nline two');
  });

  it('has the built-ins document, offer, contract and invoice, and nothing else (no prototype names)', async () => {
    for (const id of ['document', 'offer', 'contract', 'invoice'])
      expect(await builtInEmailTemplates.render('ten_x', id, data)).toBeDefined();
    for (const id of ['constructor', '__proto__', 'toString', 'tpl_01JD0000000000000000000000'])
      expect(await builtInEmailTemplates.render('ten_x', id, data)).toBeUndefined();
  });

  it('gives templates no prototype access and subjects no line breaks', () => {
    const out = renderEmail(
      { subject: '{{a}} {{constructor.name}}', html: '<p>{{constructor.constructor}}{{__proto__}}</p>' },
      { a: 'x\r\nBcc: evil@example.com' },
    );
    expect(out.subject).toBe('x Bcc: evil@example.com');
    expect(out.html).toBe('<p></p>');
  });

  it('makes plain text from the HTML part: links with their URL, paragraphs, entities', () => {
    expect(
      plainText('<p>Hi &amp; welcome</p><p><a href="https://x.example/a?b=1&amp;c=2">Download</a><br>Bye&#x27;</p>'),
    ).toBe("Hi & welcome\n\nDownload (https://x.example/a?b=1&c=2)\nBye'");
  });
});
