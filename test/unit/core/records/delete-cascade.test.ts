import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { DEFAULT_LIMIT } from '#core/paging';
import { deleteRecord } from '#core/records/delete-record';
import { defaultPipelines } from '#core/records/pipeline';
import { createRecord } from '#core/records/write-record';
import { memoryDeps, owner } from '../fakes/memory-records-store';

function withPipelines() {
  const mem = memoryDeps();
  mem.schema.pipelines.push(...defaultPipelines());
  return mem;
}

const stored = (mem: ReturnType<typeof memoryDeps>, entity: string, id: string) => mem.records.get(`${entity}#${id}`);

describe('delete cascade', () => {
  it('clears companyId on every contact and deal of a deleted company, past one page, then removes it', async () => {
    const mem = withPipelines();
    const company = await createRecord(mem.deps, owner, 'company', { name: 'Acme' });
    const contacts = [];
    for (let i = 0; i < DEFAULT_LIMIT + 3; i++)
      contacts.push(await createRecord(mem.deps, owner, 'contact', { lastName: `C${i}`, companyId: company.id }));
    const deal = await createRecord(mem.deps, owner, 'deal', { title: 'Big', companyId: company.id });
    const bystander = await createRecord(mem.deps, owner, 'contact', { lastName: 'Elsewhere' });

    await deleteRecord(mem.deps, owner, 'company', company.id);

    expect(stored(mem, 'company', company.id)).toBeUndefined();
    for (const c of contacts) expect(stored(mem, 'contact', c.id)!.fields.companyId).toBeUndefined();
    expect(stored(mem, 'deal', deal.id)!.fields.companyId).toBeUndefined();
    expect(stored(mem, 'contact', bystander.id)!.version).toBe(1);
    expect(mem.calls.markDeleting).toBe(1);
  });

  it("takes a deleted contact out of every deal's contactIds and keeps the other contacts", async () => {
    const mem = withPipelines();
    const [gone, kept] = [
      await createRecord(mem.deps, owner, 'contact', { lastName: 'Gone' }),
      await createRecord(mem.deps, owner, 'contact', { lastName: 'Kept' }),
    ];
    const deal = await createRecord(mem.deps, owner, 'deal', { title: 'D', contactIds: [gone.id, kept.id] });

    await deleteRecord(mem.deps, owner, 'contact', gone.id);

    expect(stored(mem, 'deal', deal.id)!.fields.contactIds).toEqual([kept.id]);
    expect(stored(mem, 'contact', gone.id)).toBeUndefined();
  });

  it('skips a dependant that is being deleted itself and still removes the record', async () => {
    const mem = withPipelines();
    const company = await createRecord(mem.deps, owner, 'company', { name: 'Acme' });
    const leaving = await createRecord(mem.deps, owner, 'contact', { lastName: 'Leaving', companyId: company.id });
    await mem.deps.records.markDeleting(owner.tenantId, leaving);

    await deleteRecord(mem.deps, owner, 'company', company.id);

    expect(stored(mem, 'company', company.id)).toBeUndefined();
    expect(stored(mem, 'contact', leaving.id)!.deletingAt).toBeDefined();
  });

  it('marks nothing and unlinks nothing for an entity nothing links to', async () => {
    const mem = withPipelines();
    const deal = await createRecord(mem.deps, owner, 'deal', { title: 'Alone' });
    await deleteRecord(mem.deps, owner, 'deal', deal.id);
    expect(mem.calls.markDeleting).toBe(0);
    expect(stored(mem, 'deal', deal.id)).toBeUndefined();
  });

  it('answers NOT_FOUND for a record already gone', async () => {
    const mem = withPipelines();
    await expect(deleteRecord(mem.deps, owner, 'company', 'com_missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteRecord(mem.deps, owner, 'company', 'com_missing')).rejects.toBeInstanceOf(DomainError);
  });
});
