import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '#core/records/record';
import { searchTokens, tokenDiff } from '#core/records/search-tokens';
import { timelineFor } from '#core/records/timeline-diff';

const base: CrmRecord = {
  id: 'con_1', entity: 'contact', version: 1, ownerId: 'u1', custom: {},
  fields: { firstName: 'Ann', lastName: 'Lee', emails: ['ann@x.io'], phones: ['+15550001111'], companyId: 'com_1' },
  createdAt: 't', updatedAt: 't', createdBy: 'u1', updatedBy: 'u1',
};

describe('search tokens', () => {
  it('indexes names, emails and phones for prefix search and exact lookup', () => {
    expect(searchTokens(base).sort()).toEqual(['S#+15550001111', 'S#ann lee', 'S#ann@x.io', 'S#lee'].sort());
  });

  it('diffs token sets so unchanged items are not rewritten', () => {
    expect(tokenDiff(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] });
  });
});

describe('timeline entries', () => {
  it('splits a change into updated, stage and link entries', () => {
    const deal = { ...base, entity: 'deal' as const, fields: { title: 'A', stageId: 's1', contactIds: ['c1', 'c2'] } };
    const next = { ...deal, fields: { title: 'B', stageId: 's2', contactIds: ['c1'] } };
    const entries = timelineFor(deal, next, [], 'u2');
    expect(entries.map((e) => e.type)).toEqual(['updated', 'stage_moved', 'unlinked']);
    expect(entries[1].changes).toEqual([{ field: 'stageId', from: 's1', to: 's2' }]);
    expect(entries.every((e) => e.actor.userId === 'u2')).toBe(true);
  });

  it('writes nothing when nothing changed', () => {
    expect(timelineFor(base, { ...base }, [], 'u1')).toEqual([]);
  });
});
