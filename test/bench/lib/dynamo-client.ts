// A DynamoDB client of the bench's own (not the product's), so seeding and emulator warm-up
// never show up in the product's store metrics.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '#infra/local/runtime';

export function benchClient(runtime: LocalRuntime): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
}

/** Writes items 25 at a time with `parallel` batches in flight, retrying unprocessed items. */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  table: string,
  items: Array<Record<string, unknown>>,
  parallel = 12,
): Promise<void> {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++].map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt > 8) throw new Error('BatchWriteItem kept leaving items unprocessed');
        if (attempt) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/**
 * DynamoDB Local is a JVM: its first few thousand calls run interpreted and take several times
 * longer than later ones. DynamoDB itself has no such warm-up, so the bench takes it out of the
 * figures by exercising the emulator's read and write paths on a throwaway partition first.
 */
export async function warmEmulator(runtime: LocalRuntime): Promise<void> {
  const client = benchClient(runtime);
  const table = runtime.tableName;
  try {
    const items = Array.from({ length: 500 }, (_, i) => ({
      pk: `BENCH#warmup#${i % 10}`,
      sk: `S#${String(i).padStart(5, '0')}`,
      entityPk: 'BENCH#warmup',
      createdSk: `C#${i}`,
      kind: 'bench',
    }));
    await batchWriteAll(client, table, items, 4);
    const key = (i: number) => ({ pk: `BENCH#warmup#${i % 10}`, sk: `S#${String(i % 500).padStart(5, '0')}` });
    for (let i = 0; i < 300; i++) {
      await client.send(new GetCommand({ TableName: table, Key: key(i), ConsistentRead: true }));
      await client.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: [key(i), key(i + 1)], ConsistentRead: true } } }),
      );
      if (i % 3 === 0)
        await client.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'entity-created',
            KeyConditionExpression: 'entityPk = :pk',
            ExpressionAttributeValues: { ':pk': 'BENCH#warmup' },
            Limit: 50,
          }),
        );
    }
  } finally {
    client.destroy();
  }
}
