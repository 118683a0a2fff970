import { BUILT_IN_EMAILS } from '#templates/email/index';
import { renderTemplate } from '#core/sending/email-engine';
import type { EmailTemplates } from '#core/sending/ports';
import { plainText } from '#core/sending/plain-text';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export const DEFAULT_EMAIL_TEMPLATE = 'document';

export interface EmailTemplateSource {
  subject: string;
  html: string;
}

/** Subject and HTML from the template, the text part from the HTML. A subject is one line, whatever the data held. */
export function renderEmail(template: EmailTemplateSource, data: Record<string, unknown>): RenderedEmail {
  const subject = renderTemplate(template.subject, data, true)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  const html = renderTemplate(template.html, data);
  return { subject, html, text: plainText(html) };
}

/**
 * The built-in email templates (templates/email/). Tenant templates (`tpl_…`, the templates
 * capability's `kind: "email"`) plug in here once it exists; until then any other id is unknown.
 */
export const builtInEmailTemplates: EmailTemplates = {
  async render(_tenantId, templateId, data) {
    const template = Object.hasOwn(BUILT_IN_EMAILS, templateId)
      ? BUILT_IN_EMAILS[templateId as keyof typeof BUILT_IN_EMAILS]
      : undefined;
    return template && renderEmail(template, data);
  },
};
