import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { deleteDocument } from '#core/documents/delete-document';
import { INVERSE_LABEL, RELATION_TYPES, sameRelation, viewFrom } from '#core/documents/relation';
import { listRelations, relateDocuments, RelationRequest, unrelateDocuments } from '#core/documents/relations';
import { callerOf, memoryWorld, USERS } from './fakes/memory-documents';
import { uploadFile } from './fakes/upload-file';
import { edgeCode } from '../../../support/edge';

const alice = callerOf('member', USERS.alice);
const bob = callerOf('member', USERS.bob);
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: DomainError) => e.code,
  );

async function two() {
  const w = memoryWorld();
  const { document: contract } = await uploadFile(w, alice, { name: 'contract-v2.pdf' });
  const { document: old } = await uploadFile(w, alice, { name: 'contract-v1.pdf' });
  return { w, contract, old };
}

describe('relations between documents', () => {
  it('reads from both sides with the inverse label', async () => {
    const { w, contract, old } = await two();
    const made = await relateDocuments(w.deps, alice, contract.id, { type: 'supersedes', documentId: old.id });
    expect(made).toMatchObject({ label: 'supersedes', direction: 'outgoing', documentId: old.id });
    expect(await listRelations(w.deps, alice, old.id)).toEqual([
      expect.objectContaining({
        id: made.id,
        type: 'supersedes',
        label: 'superseded-by',
        direction: 'incoming',
        documentId: contract.id,
      }),
    ]);
  });

  it('has an inverse label for every type', () => {
    const r = { id: 'rel_x', tenantId: 't', fromId: 'a', toId: 'b', createdAt: '', by: '' };
    for (const type of RELATION_TYPES) {
      expect(viewFrom({ ...r, type }, 'a').label).toBe(type);
      expect(viewFrom({ ...r, type }, 'b').label).toBe(INVERSE_LABEL[type]);
    }
    expect(INVERSE_LABEL).toEqual({
      'based-on': 'basis-of',
      supersedes: 'superseded-by',
      'attachment-of': 'has-attachment',
      related: 'related',
      'e-invoice': 'e-invoice-of',
      'acceptance-certificate': 'certifies',
    });
  });

  it('treats related as symmetric and directed types as directed', () => {
    expect(sameRelation({ fromId: 'a', toId: 'b', type: 'related' }, { fromId: 'b', toId: 'a', type: 'related' })).toBe(
      true,
    );
    expect(
      sameRelation({ fromId: 'a', toId: 'b', type: 'based-on' }, { fromId: 'b', toId: 'a', type: 'based-on' }),
    ).toBe(false);
  });

  it('refuses a duplicate (409), itself, an unknown type and a missing target (400)', async () => {
    const { w, contract, old } = await two();
    await relateDocuments(w.deps, alice, contract.id, { type: 'related', documentId: old.id });
    expect(await code(relateDocuments(w.deps, alice, old.id, { type: 'related', documentId: contract.id }))).toBe(
      'CONFLICT',
    );
    expect(await code(relateDocuments(w.deps, alice, contract.id, { type: 'related', documentId: contract.id }))).toBe(
      'VALIDATION',
    );
    expect(edgeCode(RelationRequest, { type: 'copy-of', documentId: old.id })).toBe('VALIDATION');
    expect(
      await code(
        relateDocuments(w.deps, alice, contract.id, { type: 'related', documentId: 'doc_01JD0000000000000000000009' }),
      ),
    ).toBe('VALIDATION');
  });

  it('hides a restricted document on the other side, and refuses relating to one', async () => {
    const { w, contract, old } = await two();
    await relateDocuments(w.deps, alice, contract.id, { type: 'based-on', documentId: old.id });
    w.documents.set(old.id, { ...w.documents.get(old.id)!, visibility: 'restricted' });
    expect(await listRelations(w.deps, bob, contract.id)).toEqual([]);
    expect(await listRelations(w.deps, alice, contract.id)).toHaveLength(1);
    const { document: bobs } = await uploadFile(w, bob, {});
    const e = await relateDocuments(w.deps, bob, bobs.id, { type: 'related', documentId: old.id }).catch(
      (x: DomainError) => x,
    );
    expect(e).toMatchObject({ code: 'VALIDATION', errors: [{ path: 'documentId' }] });
  });

  it('is removed from either end by a writer of that end, and is 404 once gone', async () => {
    const { w, contract, old } = await two();
    const r = await relateDocuments(w.deps, alice, contract.id, { type: 'attachment-of', documentId: old.id });
    expect(await code(unrelateDocuments(w.deps, bob, old.id, r.id))).toBe('FORBIDDEN');
    const { document: third } = await uploadFile(w, alice, {});
    expect(await code(unrelateDocuments(w.deps, alice, third.id, r.id))).toBe('NOT_FOUND');
    await unrelateDocuments(w.deps, alice, old.id, r.id);
    expect(await listRelations(w.deps, alice, contract.id)).toEqual([]);
    expect(await code(unrelateDocuments(w.deps, alice, old.id, r.id))).toBe('NOT_FOUND');
  });

  it('goes with a deleted document, from both sides', async () => {
    const { w, contract, old } = await two();
    await relateDocuments(w.deps, alice, contract.id, { type: 'based-on', documentId: old.id });
    await deleteDocument(w.deps, alice, old.id);
    expect(await listRelations(w.deps, alice, contract.id)).toEqual([]);
  });
});
