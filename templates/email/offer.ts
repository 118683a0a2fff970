import { emailLayout } from '#templates/email/layout';

export const offerEmail = {
  name: 'Your offer',
  subject:
    '{{#if subject}}{{subject}}{{else}}{{#if document.number}}{{t "email.offer.subject" number=document.number tenant=tenant.name}}{{else}}{{t "email.offer.subjectPlain" tenant=tenant.name}}{{/if}}{{/if}}',
  html: emailLayout(
    '{{#if totals}}{{t "email.offer.lead" amount=(money totals.gross currency)}}{{else}}{{t "email.offer.leadPlain"}}{{/if}}',
  ),
};
