import { describe, expect, it } from 'vitest';
import { listAll } from '../records/helpers';
import { convert, world } from './helpers';

const ALL_THREE = { contact: { create: {} }, company: { create: {} }, deal: { create: {} } };

describe('concurrent conversions of one lead', () => {
  it('leave exactly one set of records; every other caller gets the same result or 409', async () => {
    const w = await world();
    // Ten share one Idempotency-Key, ten bring keys of their own.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => convert(w.key, w.lead.id, ALL_THREE, i < 10 ? 'shared' : `own-${i}`)),
    );
    const won = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    expect(won.length + refused.length, JSON.stringify(answers.map((a) => a.status))).toBe(20);
    const ids = new Set(won.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    for (const r of refused) expect(r.body.conversion.id).toEqual([...ids][0]);
    for (const entity of ['contacts', 'companies', 'deals'])
      expect(await listAll(w.key, `/v1/${entity}`)).toHaveLength(1);
  });
});
