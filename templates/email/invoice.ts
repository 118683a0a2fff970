import { emailLayout } from '#templates/email/layout';

const AMOUNT = 'amount=(money totals.gross currency)';
const DUE = 'dueDate=(date document.dueDate style="numeric")';

// "Arve 2026-0001, summa 31 207,45 €, tähtaeg 20.12.2026": as much of it as the document knows. A
// draft is sent for review, not for payment: it says so, and asks for no payment by any date.
export const invoiceEmail = {
  name: 'Your invoice',
  subject: `{{#if subject}}{{subject}}{{else}}{{#if document.draft}}{{t "email.invoice.subjectDraft" tenant=tenant.name}}{{else}}{{#if document.number}}{{#if totals}}{{#if document.dueDate}}{{t "email.invoice.subject" number=document.number ${AMOUNT} ${DUE}}}{{else}}{{t "email.invoice.subjectNoDue" number=document.number ${AMOUNT}}}{{/if}}{{else}}{{t "email.invoice.subjectNumber" number=document.number tenant=tenant.name}}{{/if}}{{else}}{{t "email.invoice.subjectPlain" tenant=tenant.name}}{{/if}}{{/if}}{{/if}}`,
  html: emailLayout(
    `{{#if document.draft}}{{t "email.invoice.leadDraft"}}{{else}}{{#if document.number}}{{#if totals}}{{t "email.invoice.lead" number=document.number ${AMOUNT}}}{{else}}{{t "email.invoice.leadPlain"}}{{/if}}{{else}}{{t "email.invoice.leadPlain"}}{{/if}}{{/if}}`,
    `{{#if document.draft}}<p>{{t "invoice.draftNotPayable"}}</p>
{{else}}{{#if document.dueDate}}<p>{{t "email.invoice.due" ${DUE}}}{{#if document.referenceNumber}} {{t "email.invoice.reference" reference=document.referenceNumber}}{{/if}}</p>
{{/if}}{{/if}}`,
  ),
};
