import { describe, expect, it } from 'vitest';
import { emailTemplateFor, findEmailTemplate, plainText, renderEmail } from '#core/sending/email-templates';
import type { TemplatesStore } from '#core/templates/ports';
import type { Template } from '#core/templates/template';

const TENANT = 'ten_01JD0000000000000000000000';
const data = {
  document: { name: 'Offer 2026-17.pdf' },
  tenant: { name: 'Müller & Söhne' },
  recipient: { name: 'Jo <script>alert(1)</script>' },
  message: [['Hello Jo,'], ['line one', 'line two']],
};

const tenantTemplate = (over: Partial<Template>): Template =>
  ({
    id: 'tpl_01JD0000000000000000000001',
    tenantId: TENANT,
    version: 3,
    kind: 'email',
    entity: 'deal',
    name: 'Our offer mail',
    subject: 'Offer {{document.name}} – {{tenant.name}}',
    body: '<p>{{default recipient.name "Sir or Madam"}}, total {{money 1234.5 "EUR"}}</p>',
    css: '',
    header: '',
    footer: '',
    locale: 'de-DE',
    ...over,
  }) as Template;

const none: Pick<TemplatesStore, 'get'> = { get: async () => undefined };

describe('email templates', () => {
  it('escapes every value in the HTML, keeps the message lines, and writes the subject as plain text', async () => {
    const out = renderEmail((await emailTemplateFor(none, TENANT, 'invoice'))!, data);
    expect(out.subject).toBe('Your invoice from Müller & Söhne');
    expect(out.html).toContain('Dear Jo &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(out.html).toContain('<p>line one<br>line two</p>');
    expect(out.html).not.toContain('<script>');
    expect(out.text).toContain('Dear Jo <script>alert(1)</script>,');
    expect(out.text).toContain('line one\nline two');
  });

  it('has the built-ins document, offer, contract and invoice, and nothing under prototype names', async () => {
    for (const id of ['document', 'offer', 'contract', 'invoice'])
      expect(await findEmailTemplate(none, TENANT, id)).toBeDefined();
    for (const id of ['constructor', '__proto__', 'toString', 'tpl_01JD0000000000000000000000'])
      expect(await findEmailTemplate(none, TENANT, id)).toBeUndefined();
  });

  it("renders a tenant's email template with the document templates' helpers and its locale", async () => {
    const store: Pick<TemplatesStore, 'get'> = {
      get: async (_t, id) => (id === tenantTemplate({}).id ? tenantTemplate({}) : undefined),
    };
    const out = renderEmail((await emailTemplateFor(store, TENANT, tenantTemplate({}).id))!, data);
    expect(out.subject).toBe('Offer Offer 2026-17.pdf – Müller & Söhne');
    expect(out.html).toMatch(/Jo &lt;script&gt;alert\(1\)&lt;\/script&gt;, total 1\.234,50\s€/);
  });

  it('refuses a document template and an unknown id as 400 at templateId', async () => {
    const store: Pick<TemplatesStore, 'get'> = { get: async () => tenantTemplate({ kind: 'offer' }) };
    await expect(emailTemplateFor(store, TENANT, tenantTemplate({}).id)).rejects.toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'templateId', message: expect.stringContaining('not an email template') }],
    });
    await expect(emailTemplateFor(none, TENANT, 'nope')).rejects.toMatchObject({
      errors: [{ path: 'templateId', message: 'There is no email template nope.' }],
    });
  });

  it('gives templates no prototype access and subjects no line breaks', () => {
    const out = renderEmail(
      {
        cacheKey: 'test:proto',
        subject: '{{a}} {{constructor.name}}',
        html: '<p>{{constructor.constructor}}{{__proto__}}</p>',
        locale: 'en-US',
      },
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
