import type { UploadRelease } from '#core/documents/ports';
import type { DueReservation } from '#core/documents/ports';
import { dueInShards } from '#store/dynamo/due-in-shards';
import { reservationPk, RESERVATION_SHARDS } from '#store/dynamo/keys';
import { tableName } from '#store/dynamo/client';
import { usageUpdate } from '#store/quota/usage-store';
import { pendingUploadRefKey, reservationKey, settledUploadTtl, uploadKey } from '#store/documents/items';
import { transact } from '#store/dynamo/transact';

/** Gives the reserved bytes back, once: false when the upload was no longer pending. */
export async function releaseUpload(r: UploadRelease): Promise<boolean> {
  const TableName = tableName();
  const { upload } = r;
  const result = await transact({
    retry: 'document',
    hard: [
      {
        Update: {
          TableName,
          Key: uploadKey(upload.tenantId, upload.id),
          UpdateExpression:
            'SET #u.#status = :status, #u.reason = :reason, #u.settledAt = :at, #ttl = :ttl REMOVE entityPk',
          ConditionExpression: '#u.#status = :pending',
          ExpressionAttributeNames: { '#u': 'upload', '#status': 'status', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':status': r.status,
            ':reason': r.reason,
            ':at': r.settledAt,
            ':pending': 'pending',
            ':ttl': settledUploadTtl(r.settledAt),
          },
        },
      },
      usageUpdate(upload.tenantId, r.delta),
    ],
    soft: [
      { Delete: { TableName, Key: reservationKey(upload) } },
      ...(upload.kind === 'version' ? [{ Delete: { TableName, Key: pendingUploadRefKey(upload) } }] : []),
    ],
    tooLarge: 'unreachable: a release is three items',
  });
  return result.ok;
}

/** Reservations whose hold has passed, oldest first (the sort key starts with holdUntil). */
export async function dueReservations(now: Date, limit: number): Promise<DueReservation[]> {
  const due = await dueInShards(
    { shards: RESERVATION_SHARDS, pk: reservationPk, attributes: ['tenantId', 'uploadId'] },
    now,
    limit,
  );
  return due.map((i) => ({ tenantId: i.tenantId as string, uploadId: i.uploadId as string }));
}

/** What functions/wiring plugs in as `reservationSweep`. */
export const dynamoReservationSweep = { due: dueReservations };
