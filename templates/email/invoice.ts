import { emailLayout } from '#templates/email/layout';

export const invoiceEmail = {
  name: 'Your invoice',
  subject: '{{#if subject}}{{subject}}{{else}}Your invoice from {{tenant.name}}{{/if}}',
  html: emailLayout('Thank you for your business. Please find your invoice below.'),
};
