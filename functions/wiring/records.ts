import { unlinkRecordDocuments } from '#core/documents/unlink-record';
import type { RecordsDeps } from '#core/records/ports';
import { dynamoDocumentLists } from '#store/documents/document-lists';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { dynamoRecordsStore } from '#store/records/records-store';
import { dynamoSchemaStore } from '#store/records/schema-store';

/** The records ports, shared by every Lambda that serves record routes. */
export const recordsDeps: RecordsDeps = {
  records: dynamoRecordsStore,
  schema: dynamoSchemaStore,
  documentLinks: {
    unlinkAll: (tenantId, link, actor) =>
      unlinkRecordDocuments({ documents: dynamoDocumentsStore, lists: dynamoDocumentLists }, tenantId, link, actor),
  },
};
