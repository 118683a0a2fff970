import type { DueReservation } from '#core/documents/sweep-ports';
import { dueInShards } from '#store/dynamo/due-in-shards';
import { reservationPk, RESERVATION_SHARDS } from '#store/dynamo/keys';

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
