import { COMPANY_IDS, items, TENANT_IDS, totalsTable } from '#templates/styles';
import { dealDocument, ISSUE_DATE, NUMBER } from '#templates/deal-document';

const CLIENT = 'default company.name contact.fullName';

/** A signature block: who signs for whom, with name, title and date to fill in. */
const signature = (forKey: string, party: string, name: string, title: string) => `<div class="signature">
    <div class="role">{{t "${forKey}"}}</div>
    <div><strong>${party}</strong></div>
    <div class="line">{{t "contract.signName"}}: <span>${name}</span></div>
    <div class="line">{{t "contract.signTitle"}}: <span>${title}</span></div>
    <div class="line">{{t "contract.signDate"}}:</div>
    <div class="line">{{t "contract.signature"}}:</div>
  </div>`;

export const contract = dealDocument(
  'contract',
  `<h1>{{t "contract.title"}}</h1>
<p class="subject">{{record.title}}</p>
<table class="meta" style="margin-bottom:6mm">
  <tr><td>{{t "contract.number"}}</td><td>${NUMBER}</td></tr>
  {{#if tenant.address.city}}<tr><td>{{t "contract.place"}}</td><td>{{tenant.address.city}}</td></tr>{{/if}}
  <tr><td>{{t "common.date"}}</td><td>${ISSUE_DATE}</td></tr>
</table>
<p>{{t "contract.between"}}</p>
<div class="parties">
  <div class="party"><div class="role">{{t "contract.provider"}}</div><strong>{{default tenant.legalName tenant.name}}</strong><br>${TENANT_IDS}{{#if tenant.address.street}}{{tenant.address.street}}, {{tenant.address.postalCode}} {{tenant.address.city}}<br>{{/if}}{{#if user.name}}{{t "contract.representedBy" name=user.name}}{{/if}}</div>
  <div class="party"><div class="role">{{t "contract.client"}}</div><strong>{{${CLIENT}}}</strong><br>{{#if company.name}}${COMPANY_IDS}{{#if company.address.street}}{{company.address.street}}, {{company.address.postalCode}} {{company.address.city}}<br>{{/if}}{{#if contact.fullName}}{{t "contract.representedBy" name=contact.fullName}}{{#if contact.position}}, {{contact.position}}{{/if}}{{/if}}{{/if}}</div>
</div>
<h2>1. {{t "contract.subject"}}</h2>
<p>{{t "contract.subjectText" title=record.title}}</p>
${items(`${totalsTable()}`)}
<h2>2. {{t "contract.terms"}}</h2>
{{#if document.text}}<div class="body">{{markdown document.text}}</div>{{else}}<ol class="clauses">
  <li>{{t "contract.clausePrice" amount=(money totals.gross currency) days=(default document.paymentTermDays tenant.paymentTermDays 14)}}</li>
  <li>{{t "contract.clauseNotice"}}</li>
  <li>{{t "contract.clauseConfidential"}}</li>
  <li>{{t "contract.clauseLaw"}}</li>
</ol>{{/if}}
<div class="signatures">
  ${signature('contract.forProvider', '{{default tenant.legalName tenant.name}}', '{{user.name}}', '')}
  ${signature('contract.forClient', `{{${CLIENT}}}`, '{{contact.fullName}}', '{{contact.position}}')}
</div>`,
);
