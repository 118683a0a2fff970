import type { TemplateContent } from '#core/templates/template';
import { BASE_STYLES, FOOTER, LETTERHEAD, RECIPIENT } from '#templates/styles';
import { ISSUE_DATE } from '#templates/deal-document';

// The body is the sender's text (`document.text`, Markdown-lite) when the generation passes one: it
// carries its own salutation. Without it, a short courtesy letter in the template's language.
export const letter: Omit<TemplateContent, 'name' | 'paper' | 'locale' | 'sequenceId' | 'subject'> = {
  kind: 'letter',
  entity: 'contact',
  css: BASE_STYLES,
  header: '',
  footer: FOOTER,
  body: `<div class="doc">
${LETTERHEAD}
<div class="parties">
${RECIPIENT}
<table class="meta"><tr><td>{{t "common.date"}}</td><td>${ISSUE_DATE}</td></tr>{{#if document.number}}{{#unless document.draft}}<tr><td>{{t "letter.reference"}}</td><td>{{document.number}}</td></tr>{{/unless}}{{/if}}</table>
</div>
{{#if document.text}}<div class="body">{{markdown document.text}}</div>{{else}}<p>{{#if contact.fullName}}{{t "common.dear" name=contact.fullName}}{{else}}{{t "common.dearUnnamed"}}{{/if}}</p>
<p>{{t "letter.defaultBody"}}</p>{{/if}}
<p>{{t "common.regards"}}<br><br>{{#if user.name}}{{user.name}}<br>{{/if}}{{default tenant.legalName tenant.name}}<br>{{tenant.email}}{{#if tenant.phone}} · {{tenant.phone}}{{/if}}</p>
</div>`,
};
