import { ITEMS } from '#templates/styles';
import { dealDocument, recipientAndNumber } from '#templates/deal-document';

const parties = recipientAndNumber(
  'Offer no.',
  '{{#if record.expectedCloseDate}}<tr><td>Valid until</td><td>{{date record.expectedCloseDate}}</td></tr>{{/if}}',
);

export const offer = dealDocument(
  'offer',
  `${parties}
<h1>Offer: {{record.title}}</h1>
<p>Dear {{default contact.fullName "Sir or Madam"}},</p>
<p>Thank you for your interest. We are pleased to offer you the following:</p>
${ITEMS}
<p class="note">Prices are in {{currency}}. This offer is valid until {{#if record.expectedCloseDate}}{{date record.expectedCloseDate}}{{else}}further notice{{/if}}. We look forward to working with you.</p>
<p>Kind regards,<br>{{default tenant.legalName tenant.name}}</p>`,
);
