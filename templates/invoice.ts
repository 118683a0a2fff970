import { ITEMS } from '#templates/styles';
import { dealDocument, recipientAndNumber } from '#templates/deal-document';

const parties = recipientAndNumber(
  'Invoice no.',
  '{{#if company.taxId}}<tr><td>Customer tax ID</td><td>{{company.taxId}}</td></tr>{{/if}}',
);

export const invoice = dealDocument(
  'invoice',
  `${parties}
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
<p class="note">{{default tenant.legalName tenant.name}}{{#if tenant.registrationNumber}} · Registration {{tenant.registrationNumber}}{{/if}}{{#if tenant.taxId}} · Tax ID {{tenant.taxId}}{{/if}}</p>`,
);
