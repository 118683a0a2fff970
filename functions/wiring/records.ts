import type { RecordsDeps } from '#core/records/ports';
import { dynamoRecordsStore } from '#store/records-store';
import { dynamoSchemaStore } from '#store/schema-store';

/** The records ports, shared by every Lambda that serves record routes. */
export const recordsPorts: RecordsDeps = {
  records: dynamoRecordsStore,
  schema: dynamoSchemaStore,
};
