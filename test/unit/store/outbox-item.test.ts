import { beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#config';
import { systemActor } from '#core/actor';
import { recordEvent, tombstone } from '#core/records/events';
import type { CrmRecord } from '#core/records/record';
import { EVENT_KEEP_SECONDS, MAX_EVENT_SNAPSHOT_BYTES, outboxItem } from '#store/dynamo/outbox-item';

const record = (fields: Record<string, unknown>, version = 1): CrmRecord => ({
  id: 'com_1',
  entity: 'company',
  version,
  ownerId: null,
  fields,
  custom: {},
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'u',
  updatedBy: 'u',
});

beforeAll(() => {
  Object.assign(process.env, { TABLE_NAME: 'unit-table', BUCKET_NAME: 'unit-bucket' });
  resetConfig();
});

describe('the outbox item', () => {
  it("sits in the record's partition, listed by time and by type, expiring in 30 days", () => {
    const e = recordEvent(undefined, record({ name: 'Acme' }), systemActor('test'));
    expect(outboxItem('ten_1', e)).toMatchObject({
      pk: 'T#ten_1#company#com_1',
      sk: `OUT#${e.id}`,
      kind: 'outbox-event',
      entityPk: 'T#ten_1#E#event',
      stagePk: 'T#ten_1#E#event#TYPE#company.created',
      createdSk: `C#2026-12-01T10:00:00.000Z#${e.id}`,
      ttl: Date.parse('2026-12-01T10:00:00.000Z') / 1000 + EVENT_KEEP_SECONDS,
      event: { type: 'company.created', source: 'api', record: { fields: { name: 'Acme' } } },
    });
  });

  it('keeps only what changed as previous, and a tombstone the last version plus one', () => {
    const before = record({ name: 'Acme', taxId: 'X1' }, 3);
    const after = { ...record({ name: 'Acme 2' }, 4) };
    expect(recordEvent(before, after, systemActor('test')).previous).toEqual({
      fields: { name: 'Acme', taxId: 'X1' },
      custom: {},
    });
    expect(tombstone(after, systemActor('test'), after.updatedAt).subject).toEqual({
      entity: 'company',
      id: 'com_1',
      version: 5,
    });
  });

  it('leaves a snapshot too large for one item out, so the change is never refused for its event', () => {
    const huge = record({ name: 'Acme', notes: 'x'.repeat(MAX_EVENT_SNAPSHOT_BYTES) });
    const item = outboxItem('ten_1', recordEvent(undefined, huge, systemActor('test')));
    expect(item.event).toMatchObject({ truncated: true, subject: { id: 'com_1', version: 1 } });
    expect((item.event as { record?: unknown }).record).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(2_000);
  });
});
