import type { DocumentLists } from '#core/documents/document-lists';
import type { Clock, DocumentsDeps } from '#core/documents/ports';
import type { ReservationSweep, UsageFacts } from '#core/documents/sweep-ports';
import { unwired } from '#wiring/unwired';

// The documents ports, shared by the documents API, the upload finaliser and the sweeper.
// TODO(documents-store): this file is the only place to change once the store is merged:
//   documents  → the DynamoDB DocumentsStore        objects    → the S3 ObjectStore (HeadObject with
//   usage      → the DynamoDB UsageStore                          ChecksumMode ENABLED; s3rver reports no
//   shareLinks → the DynamoDB ShareLinkStore                      checksum, so hash the body when absent)
//   documentLists.byRecord    → one Query on the record's document back-links (undefined: no record)
//   reservationSweep.due      → Query the due minute buckets of the platform reservation partition
//   usageFacts.facts          → versions, live documents and pending uploads of the tenant
// Until then every documents route answers 500 (the ports say loudly they are not wired).
const clock: Clock = { now: () => new Date() };

export const documentsPorts: DocumentsDeps = {
  documents: unwired('documents.documents', 'documents'),
  objects: unwired('documents.objects', 'documents'),
  usage: unwired('documents.usage', 'documents'),
  shareLinks: unwired('documents.shareLinks', 'documents'),
  clock,
};
export const documentLists: DocumentLists = unwired('documentLists', 'documents');
export const reservationSweep: ReservationSweep = unwired('reservationSweep', 'documents');
export const usageFacts: UsageFacts = unwired('usageFacts', 'documents');
