import { DomainError, forbidden, notFound } from '#core/errors';
import { newId } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import { canWrite, visibleOrNotFound } from '#core/documents/access';
import type { Document } from '#core/documents/document';
import type { Approval } from '#core/approvals/approval';
import { approvalEvent } from '#core/approvals/approval';
import { launch } from '#core/approvals/launch';
import type { ApprovalsDeps } from '#core/approvals/ports';
import type { AppliesTo } from '#core/approvals/route';
import type { StartInput } from '#core/approvals/route-input';
import { keyActor } from '#core/actor';

function applies(to: AppliesTo | undefined, doc: Document): boolean {
  if (to?.contentTypes?.length && !to.contentTypes.includes(doc.contentType)) return false;
  if (to?.tags?.length && !to.tags.some((t) => doc.tags.includes(t))) return false;
  return true;
}

/**
 * `POST /v1/documents/{id}/approvals`: pins the document's current version (number and SHA-256)
 * and the route's current version, marks the document `in_approval` (one transaction, which is
 * also the "already under approval" check), then starts the workflow with that snapshot.
 */
export async function startApproval(deps: ApprovalsDeps, caller: TenantCaller, documentId: string, input: StartInput) {
  if (caller.role === 'viewer') forbidden('Viewers cannot start approvals.');
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, documentId), documentId);
  if (!canWrite(caller, doc)) forbidden(`You may read document ${documentId} but not put it up for approval.`);
  const route = (await deps.routes.get(caller.tenantId, input.routeId)) ?? notFound('approval route', input.routeId);
  if (doc.status === 'in_approval')
    throw new DomainError('CONFLICT', `Document ${documentId} is already under approval.`);
  if (!applies(route.current.appliesTo, doc))
    throw new DomainError('VALIDATION', 'The route does not apply to this document.', [
      { path: 'routeId', message: 'the route applies to other content types or tags' },
    ]);
  const at = deps.clock.now().toISOString();
  const version = route.current;
  const approval: Approval = {
    id: newId('apv'),
    tenantId: caller.tenantId,
    document: { id: doc.id, name: doc.name, version: doc.currentVersion, sha256: doc.sha256 },
    links: doc.links,
    route: { id: route.id, version: version.version, name: version.name },
    stages: version.stages,
    status: 'running',
    currentStage: 0,
    stageTasks: [],
    stageOutcomes: version.stages.map(() => null),
    startedAt: at,
    startedBy: caller.userId,
    executions: 0,
  };
  const details = {
    approvalId: approval.id,
    routeId: route.id,
    routeVersion: version.version,
    documentVersion: doc.currentVersion,
  };
  const started = await deps.approvals.start(
    approval,
    {
      next: { ...doc, status: 'in_approval', updatedAt: at, version: doc.version + 1 },
      expectedVersion: doc.version,
      timelineType: 'approval_started',
      details,
    },
    approvalEvent('started', at, keyActor(caller), details),
  );
  if (started === 'document-changed')
    throw new DomainError(
      'CONFLICT',
      `Document ${documentId} changed or went into approval meanwhile; read it and try again.`,
    );
  await launch(deps, approval, 0, keyActor(caller));
  return { ...approval, executions: 1 };
}
