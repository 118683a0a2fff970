import { emailLayout } from '#templates/email/layout';

export const documentEmail = {
  name: 'Your document',
  subject:
    '{{#if subject}}{{subject}}{{else}}{{t "email.document.subject" name=document.name tenant=tenant.name}}{{/if}}',
  html: emailLayout('{{t "email.document.lead" tenant=tenant.name name=document.name}}'),
};
