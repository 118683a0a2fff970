import type { TemplateContent } from '#core/templates/template';
import { BASE_STYLES, FOOTER, HEADER, ITEMS, LETTERHEAD, RECIPIENT } from '#templates/styles';

export const invoice: Omit<TemplateContent, 'name' | 'paper' | 'locale' | 'sequenceId' | 'subject'> = {
  kind: 'invoice',
  entity: 'deal',
  css: BASE_STYLES,
  header: HEADER,
  footer: FOOTER,
  body: `<div class="doc">
${LETTERHEAD}
<div class="parties">
${RECIPIENT}
<table class="meta">
  <tr><td>Invoice no.</td><td>{{default document.number "—"}}</td></tr>
  <tr><td>Date</td><td>{{date document.date}}</td></tr>
  {{#if company.taxId}}<tr><td>Customer tax ID</td><td>{{company.taxId}}</td></tr>{{/if}}
</table>
</div>
<h1>Invoice {{document.number}}</h1>
<p>For: {{record.title}}</p>
${ITEMS}
<h2>Payment</h2>
<p>Please transfer {{money totals.gross currency}} within 14 days, quoting invoice number {{document.number}}.</p>
{{#if tenant.bank.iban}}<table class="meta">
  <tr><td>Bank</td><td>{{tenant.bank.name}}</td></tr>
  <tr><td>IBAN</td><td>{{tenant.bank.iban}}</td></tr>
  <tr><td>BIC</td><td>{{tenant.bank.bic}}</td></tr>
</table>{{/if}}
<p class="note">{{default tenant.legalName tenant.name}}{{#if tenant.registrationNumber}} · Registration {{tenant.registrationNumber}}{{/if}}{{#if tenant.taxId}} · Tax ID {{tenant.taxId}}{{/if}}</p>
</div>`,
};
