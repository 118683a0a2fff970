import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookFanOutFilter } from '#infra/catalog';
import { startDynamoOnFreePort, type LocalDynamo } from '#infra/local/dynamodb';
import { ensureTable } from '#infra/local/ensure-table';
import { startStreamPoller } from '#infra/local/streams';

// The local counterpart of Lambda's DynamoDB event source mapping, against a DynamoDB Local of its
// own: only INSERTs of OUT# items reach the handler, in commit order, a failed batch is handed over
// again (never skipped), and a restarted poller resumes after its checkpoint.

const TABLE = 'stream-test';
let dynamo: LocalDynamo;
let client: DynamoDBClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-stream-'));
  dynamo = await startDynamoOnFreePort(undefined);
  await ensureTable(dynamo.endpoint, TABLE);
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 90_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (pk: string, sk: string, n: number) =>
  client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: sk }, n: { N: String(n) } } }));

const skOf = (e: DynamoDBStreamEvent) => e.Records.map((r) => r.dynamodb!.Keys!.sk!.S!);

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the stream');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the local stream poller', () => {
  it('has the table stream NEW_AND_OLD_IMAGES, as the stack declares', async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('hands over OUT# inserts only, retries a failed batch, and resumes after its checkpoint', async () => {
    const checkpointFile = join(dir, 'stream-checkpoint.json');
    const seen: string[] = [];
    const images: unknown[] = [];
    let failuresLeft = 2;
    let calls = 0;
    const handler = async (event: DynamoDBStreamEvent) => {
      calls++;
      if (failuresLeft-- > 0) throw new Error('handler failure (expected by the test)');
      expect(event.Records.every((r) => r.eventName === 'INSERT')).toBe(true);
      expect(typeof event.Records[0].dynamodb!.ApproximateCreationDateTime).toBe('number');
      seen.push(...skOf(event));
      images.push(...event.Records.map((r) => r.dynamodb!.NewImage));
    };
    const poller = startStreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE,
      checkpointFile,
      filter: webhookFanOutFilter,
      handler,
      onError: () => undefined,
    });
    try {
      await put('T#a#lead#1', 'META', 1);
      await put('T#a#lead#1', 'OUT#evt_1', 1);
      await put('T#a#lead#1', 'OUT#evt_1', 2); // a MODIFY of an OUT# item: not an event
      await client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'T#a#lead#1' }, sk: { S: 'OUT#evt_2' }, custom: { M: {} }, tags: { L: [{ M: {} }] } },
        }),
      );
      await until(() => seen.length >= 2);
      // DynamoDB Local's stream says `{}` for an empty map; the handler gets DynamoDB's `{"M": {}}`.
      expect(images.at(-1)).toMatchObject({ custom: { M: {} }, tags: { L: [{ M: {} }] } });
      expect(seen).toEqual(['OUT#evt_1', 'OUT#evt_2']);
      expect(calls).toBeGreaterThanOrEqual(3); // two failures, then the same records again
    } finally {
      await poller.stop();
    }
    const saved = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { shards: Record<string, unknown> };
    expect(Object.keys(saved.shards).length).toBeGreaterThan(0);

    // A new poller (a restarted runtime) starts after the checkpoint: nothing handed over twice.
    const again: string[] = [];
    const restarted = startStreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE,
      checkpointFile,
      filter: webhookFanOutFilter,
      handler: async (event) => void again.push(...skOf(event)),
    });
    try {
      await put('T#a#deal#2', 'OUT#evt_3', 1);
      await until(() => again.length >= 1);
      await new Promise((r) => setTimeout(r, 600));
      expect(again).toEqual(['OUT#evt_3']);
    } finally {
      await restarted.stop();
    }
  }, 60_000);
});
