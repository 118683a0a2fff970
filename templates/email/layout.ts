// The frame every built-in email shares: plain, readable without images, and short. Handlebars
// escapes every value; the message keeps its line breaks through the `lines` helper.

export const emailLayout = (lead: string) => `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
{{#if recipient.name}}<p>Dear {{recipient.name}},</p>{{else}}<p>Hello,</p>{{/if}}
{{#if message}}{{lines message}}{{else}}<p>${lead}</p>{{/if}}
{{#if link}}<p><a href="{{link.url}}">Download {{document.name}}</a> (the link works until {{date link.expiresAt}}).</p>
{{else}}<p>You will find {{document.name}} attached.</p>{{/if}}
{{#if signature}}{{lines signature}}{{else}}<p>Kind regards,<br>{{tenant.name}}</p>{{/if}}
</body></html>`;
