/** To an approver: a task was assigned, is overdue (reminder), was escalated or delegated to them. */
export const approvalTaskEmail = {
  name: 'Approval task',
  subject:
    '{{#if reminded}}{{t "email.approval.reminded"}}{{/if}}{{#if escalated}}{{t "email.approval.escalated"}}{{/if}}{{#if delegated}}{{t "email.approval.delegated"}}{{/if}}{{t "email.approval.subject" name=document.name}}',
  html: `<!doctype html>
<html lang="{{locale}}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
<p>{{#if recipient.name}}{{t "email.approval.hello" name=recipient.name}}{{else}}{{t "email.hello"}}{{/if}}</p>
{{#if escalated}}<p>{{t "email.approval.escalatedText"}}</p>{{/if}}
{{#if delegated}}<p>{{#if delegatedBy}}{{t "email.approval.delegatedText" name=delegatedBy}}{{else}}{{t "email.approval.delegatedTextNoName"}}{{/if}}</p>{{/if}}
{{#if reminded}}<p>{{#if deadline}}{{t "email.approval.remindedText" deadline=deadline}}{{else}}{{t "email.approval.remindedNoDeadline"}}{{/if}}</p>{{/if}}
<p>{{t "email.approval.ask" name=document.name version=document.version stage=stage route=route}}</p>
<p style="margin:24px 0"><a href="{{actionUrl}}" data-plain="label" style="display:inline-block;background:#1a56db;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 24px;border-radius:6px">{{t "email.approval.button"}}</a></p>
<p style="font-size:13px;color:#555">{{t "email.approval.linkNote"}}<br><a href="{{actionUrl}}" style="color:#1a56db;word-break:break-all">{{actionUrl}}</a>{{#if personal}}<br>{{t "email.approval.personal"}}{{/if}}</p>
<p>{{t "email.approval.via" tenant=tenant.name}}</p>
</body></html>`,
};
