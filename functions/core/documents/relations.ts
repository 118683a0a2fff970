import * as z from 'zod';
import { DomainError, notFound } from '#core/errors';
import { idPattern, newId } from '#core/ids';
import type { TenantCaller } from '#core/tenancy/caller';
import { assertCanWriteDocument, canSee, visibleOrNotFound } from '#core/documents/access';
import type { DocumentsDeps, Relation } from '#core/documents/ports';
import {
  isSystemRelation,
  RELATION_TYPES,
  SYSTEM_RELATION_TYPES,
  viewFrom,
  type RelationType,
  type RelationView,
} from '#core/documents/relation';

type UserRelationType = Exclude<RelationType, (typeof SYSTEM_RELATION_TYPES)[number]>;
const USER_RELATION_TYPES = RELATION_TYPES.filter((t): t is UserRelationType => !isSystemRelation(t));
const SYSTEM_TYPE_MESSAGE =
  'is made by the product, never by hand: an invoice is related to its e-invoice by generation, an offer to its acceptance certificate by the acceptance';

export const RelationRequest = z
  .object({
    // The system types are named in the refusal rather than lumped in with unknown ones.
    type: z.enum(USER_RELATION_TYPES, {
      error: (issue) =>
        (SYSTEM_RELATION_TYPES as readonly unknown[]).includes(issue.input) ? SYSTEM_TYPE_MESSAGE : undefined,
    }),
    documentId: z.string().regex(idPattern('doc'), 'must be a document id'),
  })
  .strict();

export type RelationInput = z.output<typeof RelationRequest>;

/** `POST /v1/documents/{id}/relations`: "{id} <type> {documentId}", e.g. this contract supersedes that one. */
export async function relateDocuments(
  deps: DocumentsDeps,
  caller: TenantCaller,
  id: string,
  input: RelationInput,
): Promise<RelationView> {
  const { type, documentId: targetId } = input;
  const source = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, id), id);
  assertCanWriteDocument(caller, source);
  const targetMissing = () =>
    new DomainError('VALIDATION', `No document with id ${targetId}.`, [
      { path: 'documentId', message: `no document with id ${targetId}` },
    ]);
  if (targetId === id)
    throw new DomainError('VALIDATION', 'A document cannot relate to itself.', [
      { path: 'documentId', message: 'must be another document' },
    ]);
  const target = await deps.documents.getDocument(caller.tenantId, targetId);
  // A restricted target the caller cannot see is reported exactly like a missing one.
  if (!target || !canSee(caller, target)) throw targetMissing();
  const relation: Relation = {
    id: newId('rel'),
    tenantId: caller.tenantId,
    fromId: id,
    toId: targetId,
    type,
    createdAt: deps.clock.now().toISOString(),
    by: caller.userId,
  };
  const outcome = await deps.documents.putRelation(relation);
  if (outcome === 'duplicate')
    throw new DomainError('CONFLICT', `Document ${id} already has a ${type} relation with ${targetId}.`);
  if (outcome === 'document-gone') throw targetMissing();
  return viewFrom(relation, id);
}

/** `GET /v1/documents/{id}/relations`: both directions; relations to documents the caller cannot see are left out. */
export async function listRelations(deps: DocumentsDeps, caller: TenantCaller, id: string): Promise<RelationView[]> {
  visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, id), id);
  const views = (await deps.documents.listRelations(caller.tenantId, id)).map((r) => viewFrom(r, id));
  const others = await deps.documents.getDocuments(caller.tenantId, [...new Set(views.map((v) => v.documentId))]);
  const visible = new Set(others.filter((d) => canSee(caller, d)).map((d) => d.id));
  return views.filter((v) => visible.has(v.documentId));
}

/** `DELETE /v1/documents/{id}/relations/{relationId}`: from either end, by a writer of that end. */
export async function unrelateDocuments(
  deps: DocumentsDeps,
  caller: TenantCaller,
  id: string,
  relationId: string,
): Promise<void> {
  const doc = visibleOrNotFound(caller, await deps.documents.getDocument(caller.tenantId, id), id);
  const relation = await deps.documents.getRelation(caller.tenantId, relationId);
  if (!relation || (relation.fromId !== id && relation.toId !== id)) return notFound('relation', relationId);
  assertCanWriteDocument(caller, doc);
  // The e-invoice relation is how the PDF's access reaches its XML and how the XML is found, and
  // the certificate's is the acceptance's record: they go only with their documents (409, a state
  // of the relation rather than a bad request).
  if (isSystemRelation(relation.type))
    throw new DomainError(
      'CONFLICT',
      relation.type === 'e-invoice'
        ? `Relation ${relationId} joins an invoice to its e-invoice; it is made by generation and goes only when the invoice is deleted.`
        : `Relation ${relationId} joins an offer to its acceptance certificate; it is made by the acceptance and goes only with one of the documents.`,
    );
  if (!(await deps.documents.deleteRelation(relation))) notFound('relation', relationId);
}
