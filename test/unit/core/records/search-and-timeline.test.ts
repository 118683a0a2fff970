import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '#core/records/record';
import { searchTokens, tokenDiff } from '#core/records/search-tokens';
import { timelineFor } from '#core/records/timeline-diff';
import { keyActor } from '#core/actor';

const base: CrmRecord = {
  id: 'con_1',
  entity: 'contact',
  version: 1,
  ownerId: 'u1',
  custom: {},
  fields: { firstName: 'Ann', lastName: 'Lee', emails: ['ann@x.io'], phones: ['+15550001111'], companyId: 'com_1' },
  createdAt: 't',
  updatedAt: 't',
  createdBy: 'u1',
  updatedBy: 'u1',
};

describe('search tokens', () => {
  it('indexes names, emails and phones for prefix search and exact lookup', () => {
    expect(
      searchTokens(base)
        .map((t) => `${t.kind}:${t.value}`)
        .sort(),
    ).toEqual(['term:+15550001111', 'term:ann lee', 'term:ann@x.io', 'term:lee'].sort());
  });

  it('keeps tax ids apart from terms and a term found in two fields once', () => {
    const company = { entity: 'company' as const, fields: { name: 'DE1 Labs', taxId: 'DE1' } };
    expect(searchTokens(company)).toEqual([
      { kind: 'term', value: 'de1 labs' },
      { kind: 'term', value: 'labs' },
      { kind: 'taxId', value: 'DE1' },
    ]);
    const lead = { entity: 'lead' as const, fields: { title: 'ann@x.io', email: 'ann@x.io' } };
    expect(searchTokens(lead)).toEqual([{ kind: 'term', value: 'ann@x.io' }]);
  });

  it('diffs token sets so unchanged items are not rewritten', () => {
    const t = (value: string) => ({ kind: 'term' as const, value });
    expect(tokenDiff([t('a'), t('b')], [t('b'), t('c')])).toEqual({ add: [t('c')], remove: [t('a')] });
  });
});

describe('timeline entries', () => {
  it('splits a change into updated, stage and link entries', () => {
    const deal = { ...base, entity: 'deal' as const, fields: { title: 'A', stageId: 's1', contactIds: ['c1', 'c2'] } };
    const next = { ...deal, fields: { title: 'B', stageId: 's2', contactIds: ['c1'] } };
    const entries = timelineFor(deal, next, [], keyActor({ userId: 'u2', keyId: 'key_2' }));
    expect(entries.map((e) => e.type)).toEqual(['updated', 'stage_moved', 'unlinked']);
    expect(entries[1].changes).toEqual([{ field: 'stageId', from: 's1', to: 's2' }]);
    expect(entries.every((e) => e.actor.kind === 'key' && e.actor.userId === 'u2' && e.actor.keyId === 'key_2')).toBe(
      true,
    );
  });

  it('writes nothing when nothing changed', () => {
    expect(timelineFor(base, { ...base }, [], keyActor({ userId: 'u1', keyId: 'key_1' }))).toEqual([]);
  });
});
