import { describe, expect, it } from 'vitest';
import { ID_PREFIXES, idPattern, newId } from '#core/ids';
import { ENTITIES, ENTITY } from '#core/records/entities';
import { RESOURCE_ID_PREFIX, RESOURCE_KINDS } from '#core/records/resources';

describe('id prefixes', () => {
  it('gives every kind of thing its own prefix, the reserved ones included', () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const reserved of [
      'doc',
      'ver',
      'upl',
      'shl',
      'rel',
      'usr',
      'cnv',
      'frm',
      'sub',
      'tpl',
      'seq',
      'job',
      'apr',
      'apv',
      'tsk',
      'snd',
    ]) {
      expect(prefixes).toContain(reserved);
    }
  });

  it('gives every resource kind a distinct prefix, the CRM entities the ones their descriptors use', () => {
    const used = RESOURCE_KINDS.map((k) => RESOURCE_ID_PREFIX[k]);
    expect(new Set(used).size).toBe(used.length);
    for (const entity of ENTITIES) expect(RESOURCE_ID_PREFIX[entity]).toBe(ENTITY[entity].idPrefix);
  });

  it('mints ids its own pattern accepts and another prefix refuses', () => {
    const id = newId('doc');
    expect(idPattern('doc').test(id)).toBe(true);
    expect(idPattern('con').test(id)).toBe(false);
  });
});
