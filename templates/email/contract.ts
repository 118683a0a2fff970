import { emailLayout } from '#templates/email/layout';

export const contractEmail = {
  name: 'Your contract',
  subject: '{{#if subject}}{{subject}}{{else}}Your contract with {{tenant.name}}{{/if}}',
  html: emailLayout('Please find your contract below. Do not hesitate to ask if anything is unclear.'),
};
