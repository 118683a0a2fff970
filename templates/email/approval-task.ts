/** To an approver: a task was assigned, is overdue (reminder) or was escalated to them. */
export const approvalTaskEmail = {
  name: 'Approval task',
  subject: '{{#if reminded}}Reminder: {{/if}}{{#if escalated}}Escalated: {{/if}}approval needed for {{document.name}}',
  html: `<!doctype html>
<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px">
<p>{{#if recipient.name}}Hello {{recipient.name}},{{else}}Hello,{{/if}}</p>
{{#if escalated}}<p>An approval task past its deadline was escalated to you.</p>{{/if}}
{{#if reminded}}<p>This approval task is past its deadline{{#if deadline}} ({{deadline}}){{/if}} and still waits for your decision.</p>{{/if}}
<p>Please approve or reject <strong>{{document.name}}</strong> (version {{document.version}}) in the stage
<strong>{{stage}}</strong> of the approval route <strong>{{route}}</strong>.</p>
<p>Task {{taskId}}: <code>POST /v1/approval-tasks/{{taskId}}/decision</code> with
<code>{"decision": "approved"}</code> or <code>{"decision": "rejected", "comment": "…"}</code>.</p>
<p>{{tenant.name}} via Dossier</p>
</body></html>`,
};
