import { beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#config';
import type { RecordWrite } from '#core/records/ports';
import type { CrmRecord } from '#core/records/record';
import { MAX_TRANSACTION_ITEMS } from '#store/dynamo/transact';
import { recordTransaction } from '#store/records/record-transaction';
import { systemActor } from '#core/actor';
import { recordEvent } from '#core/records/events';

const record = (entity: CrmRecord['entity'], id: string, fields: Record<string, unknown> = {}): CrmRecord => ({
  id,
  entity,
  version: 1,
  ownerId: null,
  fields,
  custom: {},
  createdAt: 't',
  updatedAt: 't',
  createdBy: 'u',
  updatedBy: 'u',
});
const create = (r: CrmRecord, extra: Partial<RecordWrite> = {}): RecordWrite => ({
  record: r,
  timeline: [],
  searchAdd: [],
  searchRemove: [],
  linkChecks: [],
  linksAdd: [],
  linksRemove: [],
  events: [],
  ...extra,
});

beforeAll(() => {
  Object.assign(process.env, { TABLE_NAME: 'unit-table', BUCKET_NAME: 'unit-bucket' });
  resetConfig();
});

describe('several records in one transaction', () => {
  it('checks links to records outside the transaction, not to records written in it', () => {
    const contact = record('contact', 'con_new');
    const deal = record('deal', 'deal_new', { contactIds: ['con_new', 'con_old'] });
    const { items } = recordTransaction('ten_1', [
      create(contact),
      create(deal, {
        linkChecks: [
          { entity: 'contact', id: 'con_new', path: 'contactIds.0' },
          { entity: 'contact', id: 'con_old', path: 'contactIds.1' },
        ],
      }),
    ]);
    const checked = items.flatMap((i) =>
      'ConditionCheck' in i ? [(i.ConditionCheck as { Key: { pk: string } }).Key.pk] : [],
    );
    expect(checked).toEqual(['T#ten_1#contact#con_old']);
  });

  it(`refuses more than ${MAX_TRANSACTION_ITEMS} items with VALIDATION before anything is sent`, () => {
    const change = (i: number) =>
      create(record('contact', `con_${i}`), {
        searchAdd: [
          { kind: 'term', value: `a${i}` },
          { kind: 'term', value: `b${i}` },
        ],
      });
    // Counted, not hand-counted: the record and its search items, as many changes as fit, then one more.
    const perChange = recordTransaction('ten_1', [change(0)]).items.length;
    const fitting = Math.floor(MAX_TRANSACTION_ITEMS / perChange);
    const many = Array.from({ length: fitting + 1 }, (_, i) => change(i));
    expect(() => recordTransaction('ten_1', many)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringContaining(`${many.length * perChange} writes`),
      }),
    );
    expect(recordTransaction('ten_1', many.slice(0, fitting)).items).toHaveLength(fitting * perChange);
  });

  it("counts each change's event against the limit, and keeps events after every hard item", () => {
    // A change of 99 items fits alone; its event makes it 100; one search item more and it is refused.
    const search = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'term' as const, value: `t${i}` }));
    const r = record('company', 'com_big');
    const withEvent = (n: number) =>
      create(r, { searchAdd: search(n), events: [recordEvent(undefined, r, systemActor('test'))] });
    const fits = recordTransaction('ten_1', [withEvent(MAX_TRANSACTION_ITEMS - 2)]);
    expect(fits.items).toHaveLength(MAX_TRANSACTION_ITEMS - 1);
    expect(fits.events).toHaveLength(1);
    expect(fits.events[0].Put?.Item?.sk).toMatch(/^OUT#evt_/);
    expect(() => recordTransaction('ten_1', [withEvent(MAX_TRANSACTION_ITEMS - 1)])).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('refuses to change one record twice in a transaction', () => {
    const r = record('company', 'com_1');
    expect(() => recordTransaction('ten_1', [create(r), create(r)])).toThrow(/twice/);
  });

  it('explains a cancellation by the change it hit', () => {
    const { describe: explain } = recordTransaction('ten_1', [
      create(record('company', 'com_1')),
      create(record('deal', 'deal_1'), { linkChecks: [{ entity: 'contact', id: 'con_gone', path: 'contactIds.0' }] }),
    ]);
    const e = explain(['None', 'None', 'ConditionalCheckFailed']);
    expect(e).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'contactIds.0', message: 'No contact with id con_gone.' }],
    });
    expect(explain(['ConditionalCheckFailed', 'None', 'None'])).toMatchObject({ code: 'CONFLICT' });
  });
});
