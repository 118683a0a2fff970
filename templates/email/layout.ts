// The frame every built-in email shares: plain, readable without images, and short. Values are
// escaped by the templates engine; the sender's message and signature arrive as paragraphs of
// lines, so their line breaks survive without any HTML in the data. Every word comes from the
// locale pack of the email's language (templates/locales/).

const paragraphs = (path: string) =>
  `{{#each ${path}}}<p>{{#each this}}{{this}}{{#unless @last}}<br>{{/unless}}{{/each}}</p>{{/each}}`;

/**
 * `lead` stands where the sender wrote no message; `after` follows either (an invoice's due date).
 * No greeting is added above a message that opens with its own (`greeted`). A link's expiry is
 * shown with its time, in the tenant's time zone.
 */
export const emailLayout = (lead: string, after = '') => `<!doctype html>
<html lang="{{locale}}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
{{#unless greeted}}{{#if recipient.name}}<p>{{t "email.dear" name=recipient.name}}</p>{{else}}<p>{{t "email.hello"}}</p>{{/if}}{{/unless}}
{{#if message}}${paragraphs('message')}{{else}}<p>${lead}</p>{{/if}}
${after}{{#if link}}<p><a href="{{link.url}}">{{#if link.acceptance}}{{t "email.linkAnswer" name=document.name}}{{else}}{{t "email.link" name=document.name}}{{/if}}</a><br>{{t "email.linkUntil" until=(date link.expiresAt style="datetime" timeZone=tenant.timeZone)}}</p>
{{else}}<p>{{t "email.attached" name=document.name}}</p>{{#if eInvoice}}<p>{{t "email.attachedEInvoice" name=eInvoice.name}}</p>{{/if}}{{/if}}
{{#if signature}}${paragraphs('signature')}{{else}}<p>{{t "email.regards"}}<br>{{tenant.name}}</p>{{/if}}
</body></html>`;
