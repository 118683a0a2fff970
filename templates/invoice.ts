import { items, totalsTable } from '#templates/styles';
import { dealDocument, recipientAndNumber } from '#templates/deal-document';

/** A credit note: asked for, or a negative total, as its e-invoice is one. */
export const CREDIT_NOTE = '(or document.creditNote (lt totals.gross 0))';

const row = (key: string, value: string) => `<tr><td>{{t "${key}"}}</td><td>${value}</td></tr>`;

// The reference number is printed once, with the payment details, where an Estonian invoice has it
// and where the payer copies it from.
const parties = recipientAndNumber(
  'invoice.number',
  [
    `{{#if document.deliveryDate}}${row('invoice.deliveryDate', '{{date document.deliveryDate style="numeric"}}')}{{/if}}`,
    // A credit note asks for no payment, so it prints no due date (its e-invoice still states BT-9).
    `{{#if document.dueDate}}{{#unless ${CREDIT_NOTE}}}${row('invoice.dueDate', '<strong>{{date document.dueDate style="numeric"}}</strong>')}{{/unless}}{{/if}}`,
  ].join('\n  '),
  `{{#if ${CREDIT_NOTE}}}{{t "invoice.creditNumber"}}{{else}}{{t "invoice.number"}}{{/if}}`,
);

const AMOUNT = 'amount=(money totals.gross currency)';
const PAYMENT = `<div class="payment">
<div>
<h2>{{t "invoice.payment"}}</h2>
<p>{{#if document.dueDate}}{{t "invoice.payBy" ${AMOUNT} dueDate=(date document.dueDate style="numeric")}}{{else}}{{t "invoice.payWithin" ${AMOUNT} days=(default document.paymentTermDays tenant.paymentTermDays 14)}}{{/if}}
{{#if document.referenceNumber}}{{t "invoice.payQuotingReference"}}{{else}}{{#if document.number}}{{t "invoice.payQuotingNumber" number=document.number}}{{/if}}{{/if}}</p>
{{#if (or tenant.bank.iban document.referenceNumber)}}<table class="meta">
  {{#if tenant.bank.iban}}${row('common.iban', '<strong>{{iban tenant.bank.iban}}</strong>')}{{/if}}
  {{#if tenant.bank.name}}${row('common.bank', '{{tenant.bank.name}}')}{{/if}}
  {{#if tenant.bank.bic}}${row('common.bic', '{{tenant.bank.bic}}')}{{/if}}
  {{#if document.referenceNumber}}${row('invoice.referenceNumber', '<strong>{{document.referenceNumber}}</strong>')}{{/if}}
</table>{{/if}}
</div>
{{#if payment.qr}}<figure class="qr"><img src="{{payment.qr}}" alt="{{t "invoice.qr"}}"><figcaption>{{t "invoice.qr"}}</figcaption></figure>{{/if}}
</div>`;

// A draft is for checking, not for paying: its totals without "to pay", and in place of the payment
// details a line saying so. The seller's bank account stays in the footer, as part of who they are.
// A credit note (asked for, or a negative total, as its e-invoice is one) asks for no payment either.
const CREDIT = CREDIT_NOTE;
const CLOSING = `{{#if document.draft}}${totalsTable()}
<p class="draft-note">{{t "invoice.draftNotPayable"}}</p>{{else if ${CREDIT}}}${totalsTable()}
<p class="draft-note">{{t "invoice.creditNotPayable"}}</p>{{else}}${totalsTable('invoice.toPay')}
${PAYMENT}{{/if}}`;

export const invoice = dealDocument(
  'invoice',
  `${parties}
<h1>{{#if ${CREDIT}}}{{t "invoice.creditTitle"}}{{else}}{{t "invoice.title"}}{{/if}}{{#unless document.draft}} {{document.number}}{{/unless}}</h1>
<p class="subject">{{record.title}}{{#if document.creditFor}} · {{t "invoice.creditFor" number=document.creditFor}}{{/if}}</p>
${items(CLOSING)}`,
);
