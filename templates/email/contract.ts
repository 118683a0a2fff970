import { emailLayout } from '#templates/email/layout';

export const contractEmail = {
  name: 'Your contract',
  subject:
    '{{#if subject}}{{subject}}{{else}}{{#if document.number}}{{t "email.contract.subject" number=document.number tenant=tenant.name}}{{else}}{{t "email.contract.subjectPlain" tenant=tenant.name}}{{/if}}{{/if}}',
  html: emailLayout('{{t "email.contract.lead"}}'),
};
