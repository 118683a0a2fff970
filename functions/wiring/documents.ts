import type { DocumentLists } from '#core/documents/document-lists';
import type { Clock, DocumentsDeps } from '#core/documents/ports';
import type { ReservationSweep, UsageFacts } from '#core/documents/sweep-ports';
import { unwired } from '#wiring/unwired';

// The documents ports, shared by the documents API, the upload finaliser and the sweeper.
// TODO(documents-store): the DynamoDB/S3 implementations replace these once merged.
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
