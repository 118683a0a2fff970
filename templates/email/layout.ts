// The frame every built-in email shares: plain, readable without images, and short. Values are
// escaped by the templates engine; the sender's message and signature arrive as paragraphs of
// lines, so their line breaks survive without any HTML in the data.

const paragraphs = (path: string) =>
  `{{#each ${path}}}<p>{{#each this}}{{this}}{{#unless @last}}<br>{{/unless}}{{/each}}</p>{{/each}}`;

export const emailLayout = (lead: string) => `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
{{#if recipient.name}}<p>Dear {{recipient.name}},</p>{{else}}<p>Hello,</p>{{/if}}
{{#if message}}${paragraphs('message')}{{else}}<p>${lead}</p>{{/if}}
{{#if link}}<p><a href="{{link.url}}">Download {{document.name}}</a> (the link works until {{date link.expiresAt "long"}}).</p>
{{else}}<p>You will find {{document.name}} attached.</p>{{/if}}
{{#if signature}}${paragraphs('signature')}{{else}}<p>Kind regards,<br>{{tenant.name}}</p>{{/if}}
</body></html>`;
