import type { TemplateContent } from '#core/templates/template';
import { BASE_STYLES, FOOTER, LETTERHEAD, RECIPIENT } from '#templates/styles';

export const letter: Omit<TemplateContent, 'name' | 'paper' | 'locale' | 'sequenceId' | 'subject'> = {
  kind: 'letter',
  entity: 'contact',
  css: BASE_STYLES,
  header: '',
  footer: FOOTER,
  body: `<div class="doc">
${LETTERHEAD}
<div class="parties">
${RECIPIENT}
<table class="meta"><tr><td>Date</td><td>{{date document.date "long"}}</td></tr>{{#if document.number}}<tr><td>Reference</td><td>{{document.number}}</td></tr>{{/if}}</table>
</div>
<p>Dear {{default contact.fullName "Sir or Madam"}},</p>
<p>Thank you for your time. Please find below a short summary of what we discussed, and do not hesitate to contact us with any questions.</p>
<p>We look forward to hearing from you.</p>
<p>Kind regards,<br><br>{{default tenant.legalName tenant.name}}<br>{{tenant.email}} · {{tenant.phone}}</p>
</div>`,
};
