import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { buildStages, defaultPipelines, resolveStage } from '#core/records/pipeline';

describe('pipelines', () => {
  it('gives a new tenant a default deal pipeline and the lead status pipeline', () => {
    const [deal, lead] = defaultPipelines();
    expect(deal).toMatchObject({ entity: 'deal', isDefault: true });
    expect(deal.stages.map((s) => s.semantics)).toEqual(['open', 'open', 'open', 'open', 'won', 'lost']);
    expect(lead.stages.map((s) => s.name)).toEqual(['New', 'In progress', 'Converted', 'Junk']);
  });

  it('keeps stage ids, adds ids to new stages and refuses unknown ids and semantics', () => {
    const existing = buildStages('deal', [{ name: 'A', semantics: 'open' }]);
    const next = buildStages(
      'deal',
      [
        { name: 'B', semantics: 'won' },
        { id: existing[0].id, name: 'A2', semantics: 'open' },
      ],
      existing,
    );
    expect(next[1].id).toBe(existing[0].id);
    expect(next[0].id).toMatch(/^stg_/);
    expect(() => buildStages('deal', [{ name: 'X', semantics: 'converted' }])).toThrow(DomainError);
    expect(() =>
      buildStages('deal', [{ id: 'stg_01JAAAAAAAAAAAAAAAAAAAAAAA', name: 'X', semantics: 'open' }], existing),
    ).toThrow(DomainError);
    try {
      buildStages('lead', [
        { name: 'Done', semantics: 'junk' },
        { name: 'Won', semantics: 'converted' },
      ]);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).errors).toEqual([{ path: 'stages', message: 'needs at least one open stage' }]);
    }
    // Lead conversion moves leads into these, so a lead pipeline keeps one of each.
    expect(() => buildStages('lead', [{ name: 'New', semantics: 'open' }])).toThrow(
      expect.objectContaining({
        errors: [
          { path: 'stages', message: 'needs a converted stage (lead conversion moves leads there)' },
          { path: 'stages', message: 'needs a junk stage (lead conversion moves leads there)' },
        ],
      }),
    );
  });

  it('puts records in the first stage unless told otherwise, and only in stages of their pipeline', () => {
    const [deal, lead] = defaultPipelines();
    expect(resolveStage(deal, undefined)).toBe(deal.stages[0].id);
    expect(resolveStage(deal, deal.stages[4].id)).toBe(deal.stages[4].id);
    expect(() => resolveStage(deal, lead.stages[0].id)).toThrow(DomainError);
  });
});
