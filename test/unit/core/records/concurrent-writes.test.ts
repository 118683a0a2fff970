import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { deleteRecord } from '#core/records/delete-record';
import { createRecord, updateRecord } from '#core/records/write-record';
import { memoryDeps, owner } from '../fakes/memory-records-store';

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

async function companyIn(mem: ReturnType<typeof memoryDeps>) {
  return createRecord(mem.deps, owner, 'company', { name: 'Acme Ltd' });
}

describe('updates without If-Match under contention', () => {
  it('lands every one of ten concurrent patches of different fields', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(updateRecord(mem.deps, owner, 'company', company.id, { [`field${i}`]: `value ${i}` })),
      ),
    );
    expect(results).toEqual(Array(10).fill('ok'));
    const stored = mem.records.get(`company#${company.id}`)!;
    expect(stored.version).toBe(11);
    for (let i = 0; i < 10; i++) expect(stored.fields[`field${i}`]).toBe(`value ${i}`);
    expect(mem.conflicts.version).toBeGreaterThan(0); // the race really happened
  });

  it('makes concurrent writers of one field last-writer-wins', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    const names = Array.from({ length: 8 }, (_, i) => `Name ${i}`);
    const saved = await Promise.all(
      names.map((name) => updateRecord(mem.deps, owner, 'company', company.id, { name })),
    );
    const stored = mem.records.get(`company#${company.id}`)!;
    expect(stored.version).toBe(9);
    const last = saved.find((r) => r.version === 9)!;
    expect(stored.fields.name).toBe(last.fields.name);
    expect(names).toContain(stored.fields.name);
  });

  it('retries injected transaction conflicts, as AWS raises them', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    mem.faults.push('transaction', 'transaction', 'transaction');
    const saved = await updateRecord(mem.deps, owner, 'company', company.id, { industry: 'Tools' });
    expect(saved.fields.industry).toBe('Tools');
    expect(mem.calls.write).toBe(1 + 4);
    expect(mem.waits).toHaveLength(3);
  });

  it('answers 503 with Retry-After, not 412, when every attempt loses', async () => {
    const mem = memoryDeps(5);
    const company = await companyIn(mem);
    mem.faults.push(...Array<'version'>(5).fill('version'));
    const error = await updateRecord(mem.deps, owner, 'company', company.id, { industry: 'Tools' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'UNAVAILABLE', headers: { 'retry-after': '1' } });
    expect(mem.records.get(`company#${company.id}`)!.version).toBe(1);
  });
});

describe('updates with If-Match', () => {
  it('refuses a stale version at once, writing nothing', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    await updateRecord(mem.deps, owner, 'company', company.id, { industry: 'Tools' });
    const writes = mem.calls.write;
    await expect(
      updateRecord(mem.deps, owner, 'company', company.id, { industry: 'Food' }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(mem.calls.write).toBe(writes);
  });

  it('answers 412 without retrying when the version moves between read and write', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    mem.faults.push('version');
    await expect(
      updateRecord(mem.deps, owner, 'company', company.id, { industry: 'Food' }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(mem.calls.write).toBe(2); // the create and the one refused update
    expect(mem.waits).toEqual([]);
  });

  it('retries a transaction conflict and still checks the version', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    mem.faults.push('transaction');
    const saved = await updateRecord(
      mem.deps,
      owner,
      'company',
      company.id,
      { industry: 'Food' },
      { expectedVersion: 1 },
    );
    expect(saved.version).toBe(2);
  });

  it('lets one of several writers with the same If-Match win', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        outcome(updateRecord(mem.deps, owner, 'company', company.id, { name }, { expectedVersion: 1 })),
      ),
    );
    expect(results.sort()).toEqual(['VERSION_CONFLICT', 'VERSION_CONFLICT', 'ok']);
  });
});

describe('deletes under contention', () => {
  it('removes a record once; parallel deletes of it find it gone', async () => {
    const mem = memoryDeps();
    const contact = await createRecord(mem.deps, owner, 'contact', { lastName: 'Solo' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => outcome(deleteRecord(mem.deps, owner, 'contact', contact.id))),
    );
    expect(results.sort()).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'ok']);
    expect(mem.records.has(`contact#${contact.id}`)).toBe(false);
  });

  it('unlinks a company from its contacts once, however many deletes race', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    const contacts = await Promise.all(
      [1, 2, 3].map((n) => createRecord(mem.deps, owner, 'contact', { lastName: `C${n}`, companyId: company.id })),
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, () => outcome(deleteRecord(mem.deps, owner, 'company', company.id))),
    );
    expect(results.sort()).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'ok']);
    for (const c of contacts) {
      const stored = mem.records.get(`contact#${c.id}`)!;
      expect(stored.fields.companyId).toBeUndefined();
      expect(stored.version).toBe(2); // unlinked exactly once
    }
  });

  it('deletes the record as it is now after a concurrent change, without If-Match', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    mem.faults.push('version', 'transaction');
    await deleteRecord(mem.deps, owner, 'company', company.id);
    expect(mem.records.has(`company#${company.id}`)).toBe(false);
  });

  it('refuses a delete with If-Match once the record moved on', async () => {
    const mem = memoryDeps();
    const company = await companyIn(mem);
    mem.faults.push('version');
    await expect(deleteRecord(mem.deps, owner, 'company', company.id, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(mem.records.has(`company#${company.id}`)).toBe(true);
  });
});
