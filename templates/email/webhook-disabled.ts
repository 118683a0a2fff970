/** To a tenant's admins and owners: delivery switched a failing webhook subscription off. */
export const webhookDisabledEmail = {
  name: 'Webhook switched off',
  subject: '{{t "email.webhookDisabled.subject" url=url}}',
  html: `<!doctype html>
<html lang="{{locale}}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
<p>{{#if recipient.name}}{{t "email.approval.hello" name=recipient.name}}{{else}}{{t "email.hello"}}{{/if}}</p>
<p>{{t "email.webhookDisabled.text" url=url}}
{{#if failures}}{{t "email.webhookDisabled.failures" count=failures}}{{else}}{{t "email.webhookDisabled.days" since=(date since style="datetime" timeZone=tenant.timeZone)}}{{/if}}</p>
<p style="font-size:13px;color:#555">{{t "email.webhookDisabled.subscription" id=subscriptionId}}</p>
<p>{{t "email.webhookDisabled.next" id=subscriptionId}}</p>
<p>{{t "email.webhookDisabled.via" tenant=tenant.name}}</p>
</body></html>`,
};
