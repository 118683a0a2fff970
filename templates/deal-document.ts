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

/** The recipient beside the document's number (under `numberLabel`), its date and any `moreRows`. */
export const recipientAndNumber = (numberLabel: string, moreRows: string): string => `<div class="parties">
${RECIPIENT}
<table class="meta">
  <tr><td>${numberLabel}</td><td>{{default document.number "—"}}</td></tr>
  <tr><td>Date</td><td>{{date document.date}}</td></tr>
  ${moreRows}
</table>
</div>`;
