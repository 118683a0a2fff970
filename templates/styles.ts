// Shared look of the built-in templates: one accent colour, generous white space, tabular figures.
// Every word comes from the locale packs (templates/locales/) through `{{t}}`: one template body
// serves every language, chosen by the template's `locale`.
export const BASE_STYLES = `
.doc { color: #1f2933; }
.top { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 12mm; }
.brand { font-size: 15pt; font-weight: 700; color: #0b4f6c; letter-spacing: .2px; }
.brand img { max-height: 16mm; max-width: 60mm; display: block; margin-bottom: 2mm; }
.sender { font-size: 8pt; color: #52606d; text-align: right; line-height: 1.5; }
.sender-line { font-size: 7pt; color: #7b8794; border-bottom: .4pt solid #cbd2d9; padding-bottom: 1mm; margin-bottom: 2mm; }
.parties { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; margin-bottom: 9mm; }
.recipient, .party { font-size: 10pt; line-height: 1.5; width: 85mm; overflow-wrap: anywhere; }
.party .role, .signature .role { font-size: 8pt; text-transform: uppercase; letter-spacing: .4px; color: #7b8794; margin-bottom: 1mm; }
.ids { font-size: 8.5pt; color: #52606d; }
.meta { font-size: 9pt; border-collapse: collapse; }
.meta td { padding: 0.6mm 0 0.6mm 6mm; white-space: nowrap; }
.meta td:first-child { color: #7b8794; padding-left: 0; }
h1 { font-size: 18pt; font-weight: 600; color: #0b4f6c; margin: 0 0 2mm; letter-spacing: .3px; }
.subject { font-size: 10.5pt; color: #52606d; margin-bottom: 5mm; overflow-wrap: anywhere; }
h2 { font-size: 11pt; color: #0b4f6c; margin: 7mm 0 2mm; break-after: avoid; }
p { margin: 0 0 3mm; }
/* A fixed layout keeps the amount columns on the page whatever a description holds: a long word
   wraps inside its cell instead of widening the table (and Chromium shrinking the page). */
table.items { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 9pt; margin: 4mm 0 0; font-variant-numeric: tabular-nums; }
table.items > thead > tr > th { text-align: left; font-weight: 600; color: #ffffff; background: #0b4f6c; padding: 2mm 1.5mm; overflow-wrap: anywhere; }
table.items > tbody > tr > td { padding: 2mm 1.5mm; border-bottom: .4pt solid #e4e7eb; vertical-align: top; overflow-wrap: anywhere; }
table.items > tbody > tr { break-inside: avoid; }
table.items > tbody > tr:nth-child(even) > td { background: #f5f7fa; }
.num { text-align: right !important; }
/* The totals and payment block never stand alone on a page: kept whole, and kept with the last rows. */
table.items tr.closing { break-before: avoid; break-inside: avoid; }
table.items > tbody > tr.closing > td { background: none !important; border: 0; padding: 3mm 0 0; font-size: 10pt; overflow-wrap: normal; }
.totals { margin-left: auto; width: 100mm; border-collapse: collapse; font-size: 9.5pt; font-variant-numeric: tabular-nums; }
.totals td { padding: 1.2mm 2mm; }
.totals td.num { white-space: nowrap; }
.items .reason { color: #7b8794; font-size: 8pt; }
.items .vat-word { font-size: 8pt; overflow-wrap: normal; }
.draft-note { font-weight: 700; color: #c41e3a; margin-top: 6mm; }
.totals .base { color: #7b8794; font-size: 8pt; white-space: nowrap; }
.totals .sum td { border-top: .6pt solid #cbd2d9; }
.totals .grand td { font-weight: 700; font-size: 11pt; border-top: 1pt solid #0b4f6c; color: #0b4f6c; }
.payment { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; }
.qr { margin: 0; text-align: center; font-size: 7.5pt; color: #7b8794; }
.qr img { width: 30mm; height: 30mm; display: block; margin-bottom: 1mm; }
.note { font-size: 9pt; color: #52606d; margin-top: 6mm; }
.body { overflow-wrap: anywhere; }
.body ul, .body ol, ol.clauses, ul.terms { padding-left: 5mm; margin: 0 0 3mm; } .body li, ol.clauses li, ul.terms li { margin-bottom: 1.5mm; }
.signatures { display: flex; justify-content: space-between; gap: 10mm; margin-top: 12mm; break-inside: avoid; }
.signature { width: 78mm; font-size: 9pt; }
.signature .line { border-bottom: .6pt solid #9aa5b1; padding: 5mm 0 1mm; color: #52606d; }
.signature .line span { color: #1f2933; }
.draft-mark { position: fixed; top: 95mm; left: 0; right: 0; text-align: center; font-size: 80pt; font-weight: 700; color: rgba(196, 30, 58, .13); transform: rotate(-28deg); letter-spacing: 6px; }
`;

const FOOTER_STYLE = `width:100%;font-size:7pt;color:#7b8794;padding:0 18mm;display:flex;justify-content:space-between;gap:6mm;font-family:'DejaVu Sans',Arial,sans-serif`;

/**
 * Chromium prints header and footer outside the page's CSS: their styles are inline. The footer
 * carries the seller's legal name, registration code, VAT number, address and IBAN on every page,
 * as an Estonian invoice does.
 */
export const FOOTER = `<div style="${FOOTER_STYLE}">
<span>{{default tenant.legalName tenant.name}}{{#if tenant.registrationNumber}} · {{t "common.regCode"}} {{tenant.registrationNumber}}{{/if}}{{#if tenant.taxId}} · {{t "common.vatNo"}} {{tenant.taxId}}{{/if}}{{#if tenant.address.street}} · {{tenant.address.street}}, {{tenant.address.postalCode}} {{tenant.address.city}}{{/if}}{{#if tenant.bank.iban}} · <span style="white-space:nowrap">{{t "common.iban"}} {{iban tenant.bank.iban}}</span>{{/if}}</span>
<span style="white-space:nowrap">{{t "common.page"}} <span class="pageNumber"></span>{{t "common.pageOf"}}<span class="totalPages"></span></span></div>`;

export const HEADER = `<div style="width:100%;font-size:7pt;color:#9aa5b1;padding:0 18mm;text-align:right;font-family:'DejaVu Sans',Arial,sans-serif">{{#if document.draft}}{{t "common.draft"}}{{else}}{{document.number}}{{/if}}</div>`;

/** Letterhead: logo or name, and the sender's details, shared by every built-in. */
export const LETTERHEAD = `{{#if document.draft}}<div class="draft-mark">{{t "common.draft"}}</div>{{/if}}
<div class="top">
  <div class="brand">{{#if tenant.logo}}<img src="{{tenant.logo}}" alt="">{{/if}}{{default tenant.legalName tenant.name}}</div>
  <div class="sender">{{tenant.address.street}}<br>{{tenant.address.postalCode}} {{tenant.address.city}}<br>{{tenant.address.country}}<br>{{tenant.email}}<br>{{tenant.phone}}<br>{{tenant.website}}</div>
</div>`;

/** A company's registration code and VAT number, under its name. */
const companyIds = (who: string) =>
  `{{#if ${who}.registrationNumber}}<span class="ids">{{t "common.regCode"}} {{${who}.registrationNumber}}</span><br>{{/if}}{{#if ${who}.taxId}}<span class="ids">{{t "common.vatNo"}} {{${who}.taxId}}</span><br>{{/if}}`;
export const TENANT_IDS = companyIds('tenant');
export const COMPANY_IDS = companyIds('company');

export const RECIPIENT = `<div class="recipient">
  <div class="sender-line">{{default tenant.legalName tenant.name}} · {{tenant.address.street}} · {{tenant.address.postalCode}} {{tenant.address.city}}</div>
  {{#if company.name}}<strong>{{company.name}}</strong><br>${COMPANY_IDS}{{/if}}
  {{#if contact.fullName}}{{contact.fullName}}<br>{{/if}}
  {{#if company.address}}{{company.address.street}}<br>{{company.address.postalCode}} {{company.address.city}}<br>{{company.address.country}}{{/if}}
</div>`;

/**
 * The line items, then `closing` (totals, payment) as the table's last row: a row is never split and
 * is kept with the row before it, so the totals never stand alone on a page, and a page break
 * before them repeats the header above the rows carried over.
 */
/**
 * A line's VAT column: its rate for standard and zero-rated lines (S, Z), else a short word for its
 * category, as an accountant writes it (a reverse-charge line is not a "0 %" line); the totals name
 * the category in full and the note under them explains reverse charge.
 */
const LINE_VAT = [
  ['AE', 'items.vatReverseCharge'],
  ['E', 'items.vatExempt'],
  ['K', 'items.vatIntraCommunity'],
  ['G', 'items.vatExport'],
  ['O', 'items.vatOutOfScope'],
].reduceRight(
  (otherwise, [category, key]) =>
    `{{#if (eq taxCategory "${category}")}}<span class="vat-word">{{t "${key}"}}</span>{{else}}${otherwise}{{/if}}`,
  '{{t "items.rate" rate=(number taxRate)}}',
);

export const items = (closing: string) => `<table class="items">
  <colgroup><col style="width:10mm"><col><col style="width:15mm"><col style="width:23mm"><col style="width:17mm"><col style="width:20mm"><col style="width:25mm"></colgroup>
  <thead><tr><th>{{t "items.position"}}</th><th>{{t "items.description"}}</th><th class="num">{{t "items.quantity"}}</th><th class="num">{{t "items.unitPrice"}}</th><th class="num">{{t "items.discount"}}</th><th class="num">{{t "items.vat"}}</th><th class="num">{{t "items.net"}}</th></tr></thead>
  <tbody>{{#each lineItems}}<tr><td>{{position}}</td><td>{{name}}{{#if taxExemptionReason}}<div class="reason">{{taxExemptionReason}}</div>{{/if}}</td><td class="num">{{number quantity}} {{unit}}</td><td class="num">{{money unitPrice ../currency}}</td><td class="num">{{#if discount}}{{t "items.rate" rate=(number discount)}}{{/if}}</td><td class="num">${LINE_VAT}</td><td class="num">{{money net ../currency}}</td></tr>{{/each}}
  <tr class="closing"><td colspan="7">
${closing}
  </td></tr></tbody>
</table>`;

/**
 * A VAT subtotal's name: its rate for standard and zero-rated lines (S, Z), else what the category
 * is (reverse charge, exempt, intra-community supply, export, outside the scope of VAT), since a
 * "VAT 0 %" line does not tell an accountant which of these it is.
 */
const RATE_LABEL = [
  ['AE', 'items.reverseCharge'],
  ['E', 'totals.exempt'],
  ['K', 'totals.intraCommunity'],
  ['G', 'totals.export'],
  ['O', 'totals.outOfScope'],
].reduceRight(
  (otherwise, [category, key]) => `{{#if (eq category "${category}")}}{{t "${key}"}}{{else}}${otherwise}{{/if}}`,
  '{{t "totals.vatRate" rate=(number rate)}}',
);

/**
 * Net, VAT per rate (`totals.taxes`, when the data has it; one VAT line otherwise), the total and,
 * with `dueLabel`, the amount due under it.
 */
export const totalsTable = (dueLabel?: string) => `<table class="totals">
  <tr><td>{{t "totals.net"}}</td><td class="num">{{money totals.net currency}}</td></tr>
  {{#if totals.taxes}}{{#each totals.taxes}}<tr><td>${RATE_LABEL} <span class="base">{{t "totals.vatOn" amount=(money net ../currency)}}</span></td><td class="num">{{money tax ../currency}}</td></tr>{{/each}}{{else}}<tr><td>{{t "totals.vat"}}</td><td class="num">{{money totals.tax currency}}</td></tr>{{/if}}
  ${
    dueLabel
      ? `<tr class="sum"><td>{{t "totals.gross"}}</td><td class="num">{{money totals.gross currency}}</td></tr>
  <tr class="grand"><td>{{t "${dueLabel}"}}</td><td class="num">{{money totals.gross currency}}</td></tr>`
      : `<tr class="grand"><td>{{t "totals.gross"}}</td><td class="num">{{money totals.gross currency}}</td></tr>`
  }
</table>
{{#each totals.taxes}}{{#if (eq category "AE")}}<p class="note">{{t "totals.reverseChargeNote"}}</p>{{/if}}{{/each}}`;
