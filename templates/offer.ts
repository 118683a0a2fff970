import type { TemplateContent } from '#core/templates/template';
import { BASE_STYLES, FOOTER, HEADER, ITEMS, LETTERHEAD, RECIPIENT } from '#templates/styles';

export const offer: Omit<TemplateContent, 'name' | 'paper' | 'locale' | 'sequenceId' | 'subject'> = {
  kind: 'offer',
  entity: 'deal',
  css: BASE_STYLES,
  header: HEADER,
  footer: FOOTER,
  body: `<div class="doc">
${LETTERHEAD}
<div class="parties">
${RECIPIENT}
<table class="meta">
  <tr><td>Offer no.</td><td>{{default document.number "—"}}</td></tr>
  <tr><td>Date</td><td>{{date document.date}}</td></tr>
  {{#if record.expectedCloseDate}}<tr><td>Valid until</td><td>{{date record.expectedCloseDate}}</td></tr>{{/if}}
</table>
</div>
<h1>Offer: {{record.title}}</h1>
<p>Dear {{default contact.fullName "Sir or Madam"}},</p>
<p>Thank you for your interest. We are pleased to offer you the following:</p>
${ITEMS}
<p class="note">Prices are in {{currency}}. This offer is valid until {{#if record.expectedCloseDate}}{{date record.expectedCloseDate}}{{else}}further notice{{/if}}. We look forward to working with you.</p>
<p>Kind regards,<br>{{default tenant.legalName tenant.name}}</p>
</div>`,
};
