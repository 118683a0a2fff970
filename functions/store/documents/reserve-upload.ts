import type { ReserveOutcome } from '#core/documents/ports';
import type { Upload } from '#core/documents/upload';
import type { ReservationRule } from '#core/quota/reservation';
import type { UsageDelta } from '#core/quota/usage';
import { tableName } from '#store/dynamo/client';
import { usageFromCancellation, usageUpdate } from '#store/quota/usage-store';
import { documentExists, recordExists } from '#store/documents/checks';
import { pendingUploadRefItem, reservationItem, uploadItem } from '#store/documents/items';
import { failed, transact } from '#store/dynamo/transact';

/**
 * One TransactWriteItems, the request's only write: the usage `ADD` under the quota condition, the
 * upload, its sweeper item, and checks that the document (for a version) and every linked record
 * exist. Refused, it writes nothing; the quota refusal carries the usage item as it was (ALL_OLD),
 * so the 413 needs no second read.
 */
export async function reserveUpload(upload: Upload, rule: ReservationRule, delta: UsageDelta): Promise<ReserveOutcome> {
  const TableName = tableName();
  const docCheck = upload.kind === 'version' ? [documentExists(TableName, upload.tenantId, upload.documentId)] : [];
  const hard = [
    usageUpdate(upload.tenantId, delta, rule),
    { Put: { TableName, Item: uploadItem(upload), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName, Item: reservationItem(upload) } },
    ...docCheck,
    ...upload.links.map((l) => recordExists(TableName, upload.tenantId, l)),
    // Last, so the reasons above keep their indexes.
    ...(upload.kind === 'version' ? [{ Put: { TableName, Item: pendingUploadRefItem(upload) } }] : []),
  ];
  const result = await transact({
    retry: 'document',
    hard,
    tooLarge: 'The upload links more records than one change can check.',
  });
  if (result.ok) return { ok: true };
  if (failed(result, 0)) return { ok: false, reason: 'quota', usage: usageFromCancellation(result.reasons[0].item) };
  if (failed(result, 1)) throw new Error(`upload id ${upload.id} was reused`);
  if (docCheck.length && failed(result, 3)) return { ok: false, reason: 'document-gone' };
  const first = 3 + docCheck.length;
  return { ok: false, reason: 'missing-links', links: upload.links.filter((_, i) => failed(result, first + i)) };
}
