import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY, dependantsOf, hasPipeline } from '#core/records/entities';
import { outgoingLinks } from '#core/records/compose';

describe('entity descriptors', () => {
  it('derive what a delete must unlink from the links the other entities declare', () => {
    const shown = (entity: (typeof ENTITIES)[number]) => dependantsOf(entity).map((d) => `${d.source}.${d.link.field}`);
    expect(shown('company')).toEqual(['contact.companyId', 'deal.companyId']);
    expect(shown('contact')).toEqual(['deal.contactIds']);
    expect(shown('deal')).toEqual([]);
    expect(shown('lead')).toEqual([]);
  });

  it('keep URL paths and id prefixes distinct per entity', () => {
    expect(new Set(ENTITIES.map((e) => ENTITY[e].path)).size).toBe(ENTITIES.length);
    expect(new Set(ENTITIES.map((e) => ENTITY[e].idPrefix)).size).toBe(ENTITIES.length);
  });

  it('put leads and deals in pipelines, and let only deals choose one', () => {
    expect(ENTITIES.filter(hasPipeline)).toEqual(['lead', 'deal']);
    expect(ENTITIES.filter((e) => ENTITY[e].pipeline?.choosable)).toEqual(['deal']);
  });

  it('turn every link into a check and a back-link, with paths relative to the input', () => {
    const deal = { entity: 'deal' as const, fields: { companyId: 'com_1', contactIds: ['con_1', 'con_2'] } };
    expect(outgoingLinks(deal)).toEqual({
      checks: [
        { entity: 'company', id: 'com_1', path: 'companyId' },
        { entity: 'contact', id: 'con_1', path: 'contactIds.0' },
        { entity: 'contact', id: 'con_2', path: 'contactIds.1' },
      ],
      backLinks: [
        { entity: 'company', id: 'com_1' },
        { entity: 'contact', id: 'con_1' },
        { entity: 'contact', id: 'con_2' },
      ],
    });
  });
});
