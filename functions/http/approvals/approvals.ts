import { approvalAudit, documentApprovals, resumeApproval } from '#core/approvals/read-approvals';
import { StartIn } from '#core/approvals/route-input';
import { startApproval } from '#core/approvals/start-approval';
import { created, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ApprovalList, ApprovalOut, AuditOut } from '#http/approvals/schemas';
import { presentApproval, presentTask } from '#core/approvals/present';
import { withActorRead } from '#core/actor';

const tag = 'Approvals';

export const approvalRoutes = [
  route({
    method: 'POST',
    path: '/v1/documents/{id}/approvals',
    operationId: 'startApproval',
    summary: "Start an approval of the document's current version",
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    role: 'member',
    description:
      "Pins the document's current version (number and SHA-256) and the route's current version, marks the document `in_approval` and starts the workflow. 409 while the document is already under approval. A new version of the document voids the approval.",
    params: idParam('doc'),
    body: StartIn,
    example: { routeId: 'apr_01JD0000000000000000000000' },
    errors: [409],
    success: { status: 201, schema: ApprovalOut, description: 'The running approval' },
    handler: async ({ params, body }, { caller, deps }) =>
      created(presentApproval(await startApproval(deps.approvals, caller, params.id, body))),
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}/approvals',
    operationId: 'listDocumentApprovals',
    summary: "A document's approvals, oldest first",
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    params: idParam('doc'),
    success: { status: 200, schema: ApprovalList, description: 'Every approval of the document' },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: (await documentApprovals(deps.approvals, caller, params.id)).map(presentApproval) }),
  }),
  route({
    method: 'GET',
    path: '/v1/approvals/{id}',
    operationId: 'getApproval',
    summary: 'An approval with its audit trail',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    description:
      'Status, the pinned route and document versions (with SHA-256), every task, decision, comment, delegation and deadline event and the outcome, in order. Nothing here can be edited or deleted.',
    params: idParam('apv'),
    success: { status: 200, schema: AuditOut, description: 'The approval and its trail' },
    handler: async ({ params }, { caller, deps }) => {
      const { approval, tasks, trail } = await approvalAudit(deps.approvals, caller, params.id);
      return ok({
        approval: presentApproval(approval),
        tasks: tasks.map(presentTask),
        trail: trail.map(withActorRead),
      });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/approvals/{id}/resume',
    operationId: 'resumeApproval',
    summary: 'Restart a running approval whose workflow execution is gone',
    tag,
    auth: 'tenant',
    ports: ['approvals'],
    role: 'member',
    description:
      'Starts the workflow again at the current stage from the stored state; decisions already made are kept. 409 when the approval has ended or its execution still runs.',
    params: idParam('apv'),
    errors: [409],
    success: { status: 200, schema: ApprovalOut, description: 'The approval, running again' },
    handler: async ({ params }, { caller, deps }) =>
      ok(presentApproval(await resumeApproval(deps.approvals, caller, params.id))),
  }),
];
