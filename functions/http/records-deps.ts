import type { RecordsDeps } from '#core/records/ports';
import { dynamoRecordsStore } from '#store/records-store';
import { dynamoSchemaStore } from '#store/schema-store';

export const recordsDeps: RecordsDeps = {
  records: dynamoRecordsStore,
  schema: dynamoSchemaStore,
};
