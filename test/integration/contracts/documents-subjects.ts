// The two implementations of the documents ports the contract suites run against: the in-memory
// fakes the unit tests use and the DynamoDB/S3 stores on the local runtime vitest's global setup
// started. Each subject also seeds what the ports only check (records, users) and plays the
// client's PUT of the bytes, so a suite reads the same against both.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RecordLink } from '#core/documents/document';
import type { DocumentsDeps } from '#core/documents/ports';
import { documentClient, tableName } from '#store/dynamo';
import { recordMetaKey } from '#store/documents/items';
import { memoryWorld } from '../../unit/core/documents/fakes/memory-documents';
import { deps as dynamoDeps, putObject, putUser, useLocalStores } from '../documents-store/world';

export interface DocumentsSubject {
  deps: DocumentsDeps;
  /** A record the documents may link to. */
  addRecord(tenantId: string, link: RecordLink): Promise<void>;
  /** A user an ACL entry may name. */
  addUser(tenantId: string, userId: string): Promise<void>;
  /** What a client's PUT does: the object appears under the upload's key. */
  putObject(key: string, text: string): Promise<void>;
}

export function memoryDocuments(): DocumentsSubject {
  const w = memoryWorld(new Date().toISOString());
  w.deps.clock = { now: () => new Date() };
  return {
    deps: w.deps,
    addRecord: async (_t, l) => void w.records.add(`${l.entity}#${l.id}`),
    addUser: async (_t, u) => void w.users.add(u),
    putObject: async (key, text) => void w.put(key, { size: Buffer.byteLength(text) }),
  };
}

export function dynamoDocuments(): DocumentsSubject {
  return {
    deps: dynamoDeps(),
    async addRecord(tenantId, link) {
      await documentClient().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...recordMetaKey(tenantId, link), kind: 'record', record: { entity: link.entity, id: link.id } },
        }),
      );
    },
    addUser: putUser,
    putObject,
  };
}

/** Registers the local stores' setup once per file; the subjects are built lazily, per test. */
export function documentSubjects(): Array<[string, () => DocumentsSubject]> {
  useLocalStores();
  return [
    ['memory', memoryDocuments],
    ['dynamo', dynamoDocuments],
  ];
}
