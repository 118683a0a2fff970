import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DueReservation } from '#core/documents/sweep-ports';
import { documentClient, tableName } from '#store/dynamo/client';
import { reservationPk, RESERVATION_SHARDS } from '#store/dynamo/keys';

/**
 * Reservations whose hold has passed, oldest first: one Query per shard (`sk < now`, the sort key
 * starts with holdUntil), all at once. An item leaves only in the transaction that settles its
 * upload, so one that failed to settle is simply found again on the next run: no lookback window,
 * nothing stranded. Eventually consistent: the sweeper re-reads each upload consistently anyway.
 */
export async function dueReservations(now: Date, limit: number): Promise<DueReservation[]> {
  const before = now.toISOString();
  const shards = await Promise.all(
    Array.from({ length: RESERVATION_SHARDS }, (_, shard) =>
      documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk < :now',
          ExpressionAttributeValues: { ':pk': reservationPk(shard), ':now': before },
          ProjectionExpression: 'sk, tenantId, uploadId',
          Limit: limit,
        }),
      ),
    ),
  );
  return shards
    .flatMap((r) => r.Items ?? [])
    .sort((a, b) => (a.sk as string).localeCompare(b.sk as string))
    .slice(0, limit)
    .map((i) => ({ tenantId: i.tenantId as string, uploadId: i.uploadId as string }));
}

/** What functions/wiring plugs in as `reservationSweep`. */
export const dynamoReservationSweep = { due: dueReservations };
