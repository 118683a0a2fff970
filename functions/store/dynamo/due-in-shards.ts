import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#store/dynamo/client';

/**
 * The shard of a sharded registry an id's entry goes to: the first byte of the id's SHA-256, mod
 * `shards`. Spreads concurrent entries over the shards (one partition would be a hot key).
 */
export const shardOf = (id: string, shards: number): number => createHash('sha256').update(id).digest()[0] % shards;

/**
 * The items of a sharded deadline registry (reservations, render jobs) whose deadline has passed,
 * oldest first: one Query per shard (`sk < now`: each sort key starts with its deadline), all at
 * once. An entry leaves only with the write that settles what it stands for, so one that failed to
 * settle is found again on the next run: no lookback window, nothing stranded. Eventually
 * consistent unless `consistentRead` says otherwise: sweepers re-read each item consistently
 * before acting.
 */
export async function dueInShards(
  registry: { shards: number; pk: (shard: number) => string; attributes: string[]; consistentRead?: boolean },
  now: Date,
  limit: number,
  /** Only items whose sort key is greater: the next window after an item of the last one. */
  afterSk?: string,
): Promise<Array<Record<string, unknown>>> {
  const before = now.toISOString();
  // `sk < now` alone, or from just past `afterSk` (the least string greater than it) up to now:
  // every sort key is `<dueAt>#…`, so none equals `now` itself and BETWEEN's inclusive end is `<`.
  const range = afterSk
    ? { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :now', after: { ':after': `${afterSk}\u0000` } }
    : { KeyConditionExpression: 'pk = :pk AND sk < :now', after: {} };
  const pages = await Promise.all(
    Array.from({ length: registry.shards }, (_, shard) =>
      documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: range.KeyConditionExpression,
          ExpressionAttributeValues: { ':pk': registry.pk(shard), ':now': before, ...range.after },
          ProjectionExpression: ['sk', ...registry.attributes].join(', '),
          ...(registry.consistentRead ? { ConsistentRead: true } : {}),
          Limit: limit,
        }),
      ),
    ),
  );
  return pages
    .flatMap((r) => r.Items ?? [])
    .sort((a, b) => (a.sk as string).localeCompare(b.sk as string))
    .slice(0, limit);
}
