import { emailLayout } from '#templates/email/layout';

export const documentEmail = {
  name: 'Your document',
  subject: '{{#if subject}}{{subject}}{{else}}{{document.name}} from {{tenant.name}}{{/if}}',
  html: emailLayout('{{tenant.name}} sends you {{document.name}}.'),
};
