import { ITEMS } from '#templates/styles';
import { dealDocument } from '#templates/deal-document';

export const contract = dealDocument(
  'contract',
  `<h1>Service Agreement {{document.number}}</h1>
<p>This agreement is made on {{date document.date "long"}} between:</p>
<div class="parties">
  <div class="recipient"><strong>{{default tenant.legalName tenant.name}}</strong><br>{{tenant.address.street}}<br>{{tenant.address.postalCode}} {{tenant.address.city}}<br>{{#if tenant.registrationNumber}}Registration {{tenant.registrationNumber}}<br>{{/if}}(the "Provider")</div>
  <div class="recipient"><strong>{{default company.name contact.fullName}}</strong><br>{{company.address.street}}<br>{{company.address.postalCode}} {{company.address.city}}<br>{{#if company.registrationNumber}}Registration {{company.registrationNumber}}<br>{{/if}}(the "Client")</div>
</div>
<h2>1. Subject</h2>
<p>The Provider delivers to the Client the services and goods listed below ("{{record.title}}").</p>
${ITEMS}
<h2>2. Terms</h2>
<ol class="clauses">
  <li>The total price is {{money totals.gross currency}} including tax, payable within 14 days of each invoice.</li>
  <li>Either party may end this agreement in writing with 30 days' notice.</li>
  <li>Each party keeps the other's confidential information secret during and after this agreement.</li>
  <li>This agreement is governed by the law of the Provider's place of business.</li>
</ol>
<div class="signatures">
  <div class="signature">For the Provider<br>{{default tenant.legalName tenant.name}}</div>
  <div class="signature">For the Client<br>{{default company.name contact.fullName}}</div>
</div>`,
);
