import { items, totalsTable } from '#templates/styles';
import { dealDocument, recipientAndNumber } from '#templates/deal-document';

const row = (key: string, value: string) => `<tr><td>{{t "${key}"}}</td><td>${value}</td></tr>`;

const parties = recipientAndNumber(
  'invoice.number',
  [
    `{{#if document.deliveryDate}}${row('invoice.deliveryDate', '{{date document.deliveryDate style="numeric"}}')}{{/if}}`,
    `{{#if document.dueDate}}${row('invoice.dueDate', '<strong>{{date document.dueDate style="numeric"}}</strong>')}{{/if}}`,
    `{{#if document.referenceNumber}}${row('invoice.referenceNumber', '{{document.referenceNumber}}')}{{/if}}`,
  ].join('\n  '),
);

const AMOUNT = 'amount=(money totals.gross currency)';
const PAYMENT = `<div class="payment">
<div>
<h2>{{t "invoice.payment"}}</h2>
<p>{{#if document.dueDate}}{{t "invoice.payBy" ${AMOUNT} dueDate=(date document.dueDate style="numeric")}}{{else}}{{t "invoice.payWithin" ${AMOUNT} days=(default document.paymentTermDays tenant.paymentTermDays 14)}}{{/if}}
{{#if document.referenceNumber}}{{t "invoice.payQuoting" reference=document.referenceNumber}}{{else}}{{#if document.number}}{{#unless document.draft}}{{t "invoice.payQuotingNumber" number=document.number}}{{/unless}}{{/if}}{{/if}}</p>
{{#if tenant.bank.iban}}<table class="meta">
  ${row('common.iban', '<strong>{{iban tenant.bank.iban}}</strong>')}
  {{#if tenant.bank.name}}${row('common.bank', '{{tenant.bank.name}}')}{{/if}}
  {{#if tenant.bank.bic}}${row('common.bic', '{{tenant.bank.bic}}')}{{/if}}
  {{#if document.referenceNumber}}${row('invoice.referenceNumber', '{{document.referenceNumber}}')}{{/if}}
</table>{{/if}}
</div>
{{#if payment.qr}}<figure class="qr"><img src="{{payment.qr}}" alt="{{t "invoice.qr"}}"><figcaption>{{t "invoice.qr"}}</figcaption></figure>{{/if}}
</div>`;

export const invoice = dealDocument(
  'invoice',
  `${parties}
<h1>{{t "invoice.title"}}{{#unless document.draft}} {{document.number}}{{/unless}}</h1>
<p class="subject">{{record.title}}</p>
${items(`${totalsTable('invoice.toPay')}
${PAYMENT}`)}`,
);
