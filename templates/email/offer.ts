import { emailLayout } from '#templates/email/layout';

export const offerEmail = {
  name: 'Your offer',
  subject: '{{#if subject}}{{subject}}{{else}}Your offer from {{tenant.name}}{{/if}}',
  html: emailLayout('Thank you for your interest. Please find our offer below; we look forward to hearing from you.'),
};
