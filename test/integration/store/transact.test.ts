import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { newId } from '#core/ids';
import { WriteConflict } from '#core/write-conflict';
import { documentClient, resetDocumentClient, tableName } from '#store/dynamo/client';
import { MAX_TRANSACTION_ITEMS, failed, transact, type TransactItem } from '#store/dynamo/transact';
import { injectDynamoFaults } from '../dynamo-faults';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';

// The one transaction primitive against DynamoDB Local: its limits, how it hands back refusals and
// how it treats conflicts. Counts derive from MAX_TRANSACTION_ITEMS, so the boundary moves with it.

beforeAll(() => useLocalRuntimeFromThisProcess());
afterAll(() => resetDocumentClient());

const partition = () => `TEST#transact#${newId('ten')}`;
const puts = (pk: string, from: number, n: number, extra: Record<string, unknown> = {}): TransactItem[] =>
  Array.from({ length: n }, (_, i) => ({
    Put: { TableName: tableName(), Item: { pk, sk: `i#${String(from + i).padStart(4, '0')}`, ...extra } },
  }));
const absent = (pk: string, sk: string): TransactItem => ({
  Put: { TableName: tableName(), Item: { pk, sk }, ConditionExpression: 'attribute_exists(pk)' },
});
async function stored(pk: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

describe('transact: limits', () => {
  it('commits exactly as many hard items and events as one transaction holds', async () => {
    const pk = partition();
    const events = 3;
    const hard = MAX_TRANSACTION_ITEMS - events;
    expect(await transact({ hard: puts(pk, 0, hard), events: puts(pk, hard, events) })).toEqual({ ok: true });
    expect(await stored(pk)).toBe(MAX_TRANSACTION_ITEMS);
  });

  it('counts events as hard items: one past the limit is refused before anything is sent', async () => {
    const pk = partition();
    const events = 3;
    const hard = MAX_TRANSACTION_ITEMS - events + 1;
    await expect(
      transact({ hard: puts(pk, 0, hard), events: puts(pk, hard, events), tooLarge: 'Too many at once.' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: 'Too many at once.' });
    // Without a message of its own the refusal still says why, with the count.
    await expect(transact({ hard: puts(pk, 0, hard), events: puts(pk, hard, events) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`${hard + events} writes`),
    });
    expect(await stored(pk)).toBe(0);
  });

  it('writes the soft items that do not fit just after the commit', async () => {
    const pk = partition();
    const hard = MAX_TRANSACTION_ITEMS - 10;
    const soft = 25;
    expect(await transact({ hard: puts(pk, 0, hard), soft: puts(pk, hard, soft) })).toEqual({ ok: true });
    expect(await stored(pk)).toBe(hard + soft);
  });

  it('says 413 PAYLOAD_TOO_LARGE for an item DynamoDB finds too large, and writes nothing', async () => {
    const pk = partition();
    const big = { blob: 'x'.repeat(401 * 1024) };
    const t = { hard: [...puts(pk, 0, 1), ...puts(pk, 1, 1, big)], oversize: 'Shorten it.' };
    await expect(transact(t)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Shorten it.' });
    // Without `oversize` DynamoDB's own refusal passes, as it did for every caller but records.
    await expect(transact({ hard: t.hard })).rejects.not.toBeInstanceOf(DomainError);
    expect(await stored(pk)).toBe(0);
  });
});

describe('transact: refusals', () => {
  it('hands back failed conditions by item index, hard items, then events, then soft items', async () => {
    const pk = partition();
    const r = await transact({ hard: puts(pk, 0, 2), events: [absent(pk, 'gone')], soft: puts(pk, 3, 1) });
    expect(r.ok).toBe(false);
    expect([0, 1, 2, 3].map((i) => failed(r, i))).toEqual([false, false, true, false]);
    expect(await stored(pk)).toBe(0);
  });

  it('retries a conflict with `retry`, turns it into WriteConflict with `busy`, and hands it back otherwise', async () => {
    const faults = injectDynamoFaults(documentClient());
    try {
      const pk = partition();
      faults.fail('TransactWriteItemsCommand', 'TransactionConflict', 'TransactionConflict');
      faults.resetCounts();
      expect(await transact({ hard: puts(pk, 0, 1), retry: 'thing' })).toEqual({ ok: true });
      expect(faults.sent('TransactWriteItemsCommand')).toBe(3);

      faults.failAlways('TransactWriteItemsCommand', 'TransactionConflict');
      const fast = { attempts: 2, baseMs: 1, capMs: 1, sleep: async () => {}, random: () => 0 };
      await expect(transact({ hard: puts(pk, 1, 1), retry: 'thing' }, fast)).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        headers: { 'retry-after': '1' },
      });
      const busy = await transact({ hard: puts(pk, 1, 1), busy: 'Busy, retry.' }).catch((e: unknown) => e);
      expect(busy).toBeInstanceOf(WriteConflict);
      expect(busy).toMatchObject({ reason: 'transaction', message: 'Busy, retry.' });
      const r = await transact({ hard: puts(pk, 1, 1) });
      expect(r).toMatchObject({ ok: false, reasons: [{ code: 'TransactionConflict' }] });
      faults.clear();
      expect(await stored(pk)).toBe(1);
    } finally {
      faults.clear();
    }
  });
});
