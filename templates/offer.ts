import { items, totalsTable } from '#templates/styles';
import { dealDocument, recipientAndNumber } from '#templates/deal-document';

// Valid until the deal's expected close date, else the document's due date (issue date plus the
// payment term): an offer always says how long it holds.
const VALID_UNTIL = '(default record.expectedCloseDate document.dueDate)';

const parties = recipientAndNumber(
  'offer.number',
  `{{#if ${VALID_UNTIL}}}<tr><td>{{t "offer.validUntil"}}</td><td><strong>{{date ${VALID_UNTIL} style="numeric"}}</strong></td></tr>{{/if}}`,
);

export const offer = dealDocument(
  'offer',
  `${parties}
<h1>{{t "offer.title"}}{{#unless document.draft}} {{document.number}}{{/unless}}</h1>
<p class="subject">{{record.title}}</p>
<p>{{#if contact.fullName}}{{t "common.dear" name=contact.fullName}}{{else}}{{t "common.dearUnnamed"}}{{/if}}</p>
<p>{{t "offer.intro"}}</p>
${items(`${totalsTable()}`)}
<h2>{{t "offer.terms"}}</h2>
<ul class="terms">
  <li>{{t "offer.termPrices" currency=currency}}</li>
  {{#if ${VALID_UNTIL}}}<li>{{t "offer.termValidity" date=(date ${VALID_UNTIL} style="numeric")}}</li>{{/if}}
  <li>{{t "offer.termPayment" days=(default document.paymentTermDays tenant.paymentTermDays 14)}}</li>
</ul>
<p>{{t "offer.closing"}}</p>
<p>{{t "common.regards"}}<br>{{#if user.name}}{{user.name}}<br>{{/if}}{{default tenant.legalName tenant.name}}</p>
<div class="signatures">
  <div class="signature">
    <div class="role">{{t "offer.acceptance"}}</div>
    <div>{{t "offer.acceptText"}}</div>
    <div class="line">{{t "contract.signName"}}: <span>{{contact.fullName}}</span></div>
    <div class="line">{{t "contract.signDate"}}:</div>
    <div class="line">{{t "contract.signature"}}:</div>
  </div>
</div>`,
);
