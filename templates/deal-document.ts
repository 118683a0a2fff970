import type { TemplateContent, TemplateKind } from '#core/templates/template';
import { BASE_STYLES, FOOTER, HEADER, LETTERHEAD, RECIPIENT } from '#templates/styles';

export type BuiltinContent = Omit<TemplateContent, 'name' | 'paper' | 'locale' | 'sequenceId' | 'subject'>;

/** A built-in for deals: the page with its header, footer and letterhead, then `body`. */
export const dealDocument = (kind: TemplateKind, body: string): BuiltinContent => ({
  kind,
  entity: 'deal',
  css: BASE_STYLES,
  header: HEADER,
  footer: FOOTER,
  body: `<div class="doc">
${LETTERHEAD}
${body}
</div>`,
});

/** The number, or the draft mark on a draft (which has none). */
export const NUMBER = '{{#if document.draft}}{{t "common.draft"}}{{else}}{{default document.number "—"}}{{/if}}';
/** The issue date (`document.date` where the data predates `issueDate`), as Estonian documents print it. */
export const ISSUE_DATE = '{{date (default document.issueDate document.date) style="numeric"}}';

/** The recipient beside the document's number (under the pack key `numberKey`), its date and any `moreRows`. */
/** `numberLabel`: Handlebars for the number's label, when it is not always `numberKey`'s text. */
export const recipientAndNumber = (
  numberKey: string,
  moreRows: string,
  numberLabel = `{{t "${numberKey}"}}`,
): string => `<div class="parties">
${RECIPIENT}
<table class="meta">
  <tr><td>${numberLabel}</td><td>${NUMBER}</td></tr>
  <tr><td>{{t "common.date"}}</td><td>${ISSUE_DATE}</td></tr>
  ${moreRows}
</table>
</div>`;
