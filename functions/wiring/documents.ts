import type { DocumentLists } from '#core/documents/document-lists';
import { systemClock } from '#core/clock';
import type { DocumentsDeps } from '#core/documents/ports';
import type { ReservationSweep } from '#core/documents/ports';
import { dynamoDocumentLists } from '#store/documents/document-lists';
import { lambdaDocumentVersionEvents } from '#store/documents/document-version-events';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { s3ObjectStore } from '#store/documents/object-store';
import { lambdaEInvoiceChecks } from '#store/einvoice/checks';
import { dynamoReservationSweep } from '#store/documents/release-upload';
import { dynamoShareLinkStore } from '#store/documents/share-link-store';
import { dynamoUsageStore } from '#store/quota/usage-store';

// The documents ports, shared by the documents API, the upload finaliser and the sweeper.
export const documentsDeps: DocumentsDeps = {
  documents: dynamoDocumentsStore,
  versionEvents: lambdaDocumentVersionEvents,
  eInvoiceChecks: lambdaEInvoiceChecks,
  objects: s3ObjectStore,
  usage: dynamoUsageStore,
  shareLinks: dynamoShareLinkStore,
  clock: systemClock,
};
export const documentLists: DocumentLists = dynamoDocumentLists;
export const reservationSweep: ReservationSweep = dynamoReservationSweep;
