// Shared look of the built-in templates: one accent colour, generous white space, tabular figures.
export const BASE_STYLES = `
.doc { color: #1f2933; }
.top { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 14mm; }
.brand { font-size: 15pt; font-weight: 700; color: #0b4f6c; letter-spacing: .2px; }
.brand img { max-height: 16mm; max-width: 60mm; display: block; margin-bottom: 2mm; }
.sender { font-size: 8pt; color: #52606d; text-align: right; line-height: 1.5; }
.sender-line { font-size: 7pt; color: #7b8794; border-bottom: .4pt solid #cbd2d9; padding-bottom: 1mm; margin-bottom: 2mm; }
.parties { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 10mm; }
.recipient { font-size: 10pt; line-height: 1.5; width: 85mm; }
.meta { font-size: 9pt; border-collapse: collapse; }
.meta td { padding: 0.6mm 0 0.6mm 6mm; }
.meta td:first-child { color: #7b8794; padding-left: 0; }
h1 { font-size: 18pt; font-weight: 600; color: #0b4f6c; margin: 0 0 5mm; }
h2 { font-size: 11pt; color: #0b4f6c; margin: 7mm 0 2mm; }
p { margin: 0 0 3mm; }
table.items { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 4mm 0; font-variant-numeric: tabular-nums; }
table.items th { text-align: left; font-weight: 600; color: #ffffff; background: #0b4f6c; padding: 2mm 2mm; }
table.items td { padding: 2mm; border-bottom: .4pt solid #e4e7eb; vertical-align: top; }
table.items tr { page-break-inside: avoid; }
table.items tr:nth-child(even) td { background: #f5f7fa; }
.num { text-align: right !important; white-space: nowrap; }
.totals { margin-left: auto; width: 75mm; border-collapse: collapse; font-size: 9.5pt; font-variant-numeric: tabular-nums; page-break-inside: avoid; }
.totals td { padding: 1.4mm 2mm; }
.totals .grand td { font-weight: 700; font-size: 11pt; border-top: 1pt solid #0b4f6c; color: #0b4f6c; }
.note { font-size: 9pt; color: #52606d; margin-top: 8mm; }
.signatures { display: flex; justify-content: space-between; margin-top: 22mm; page-break-inside: avoid; }
.signature { width: 75mm; border-top: .6pt solid #52606d; padding-top: 2mm; font-size: 8.5pt; color: #52606d; }
ol.clauses { padding-left: 5mm; } ol.clauses li { margin-bottom: 2.5mm; }
`;

/** Chromium prints header and footer outside the page's CSS: their styles are inline. */
export const FOOTER = `<div style="width:100%;font-size:7pt;color:#7b8794;padding:0 18mm;display:flex;justify-content:space-between;font-family:'DejaVu Sans',Arial,sans-serif">
<span>{{default tenant.legalName tenant.name}}{{#if tenant.taxId}} · Tax ID {{tenant.taxId}}{{/if}}{{#if tenant.bank.iban}} · IBAN {{tenant.bank.iban}}{{/if}}</span>
<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

export const HEADER = `<div style="width:100%;font-size:7pt;color:#9aa5b1;padding:0 18mm;text-align:right;font-family:'DejaVu Sans',Arial,sans-serif">{{document.number}}</div>`;

/** Letterhead: logo or name, and the sender's details, shared by every built-in. */
export const LETTERHEAD = `<div class="top">
  <div class="brand">{{#if tenant.logo}}<img src="{{tenant.logo}}" alt="">{{/if}}{{default tenant.legalName tenant.name}}</div>
  <div class="sender">{{tenant.address.street}}<br>{{tenant.address.postalCode}} {{tenant.address.city}}<br>{{tenant.address.country}}<br>{{tenant.email}}<br>{{tenant.phone}}<br>{{tenant.website}}</div>
</div>`;

export const RECIPIENT = `<div class="recipient">
  <div class="sender-line">{{default tenant.legalName tenant.name}} · {{tenant.address.street}} · {{tenant.address.postalCode}} {{tenant.address.city}}</div>
  {{#if company.name}}<strong>{{company.name}}</strong><br>{{/if}}
  {{#if contact.fullName}}{{contact.fullName}}<br>{{/if}}
  {{#if company.address}}{{company.address.street}}<br>{{company.address.postalCode}} {{company.address.city}}<br>{{company.address.country}}{{/if}}
</div>`;

export const ITEMS = `<table class="items">
  <thead><tr><th>#</th><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Disc.</th><th class="num">Tax</th><th class="num">Net</th></tr></thead>
  <tbody>{{#each lineItems}}<tr><td>{{position}}</td><td>{{name}}</td><td class="num">{{number quantity}} {{unit}}</td><td class="num">{{money unitPrice ../currency}}</td><td class="num">{{#if discount}}{{percent discount}}{{/if}}</td><td class="num">{{percent taxRate}}</td><td class="num">{{money net ../currency}}</td></tr>{{/each}}</tbody>
</table>
<table class="totals">
  <tr><td>Net total</td><td class="num">{{money totals.net currency}}</td></tr>
  <tr><td>Tax</td><td class="num">{{money totals.tax currency}}</td></tr>
  <tr class="grand"><td>Total</td><td class="num">{{money totals.gross currency}}</td></tr>
</table>`;
