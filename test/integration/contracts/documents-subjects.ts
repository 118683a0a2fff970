// The two implementations of the documents ports the contract suites run against: the in-memory
// fakes the unit tests use and the DynamoDB/S3 stores on the local runtime vitest's global setup
// started. Each subject also seeds what the ports only check (records, users) and plays the
// client's PUT of the bytes, so a suite reads the same against both.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RecordLink } from '#core/documents/document';
import type { DocumentsDeps } from '#core/documents/ports';
import type { UsageTotals } from '#core/quota/usage';
import { documentClient, tableName } from '#store/dynamo/client';
import { recordMetaKey } from '#store/documents/items';
import { usageKey } from '#store/dynamo/keys';
import { bucketName, s3 } from '#store/aws/s3';
import { memoryWorld } from '../../unit/core/documents/fakes/memory-documents';
import { deps as dynamoDeps, putObject, putUser, sha256Base64, useLocalStores } from '../documents-store/world';

export interface DocumentsSubject {
  deps: DocumentsDeps;
  /** A record the documents may link to. */
  addRecord(tenantId: string, link: RecordLink): Promise<void>;
  /** A user an ACL entry may name. */
  addUser(tenantId: string, userId: string): Promise<void>;
  /** What a client's PUT does: the object appears under the upload's key. */
  putObject(key: string, text: string | Buffer): Promise<void>;
  /** Sets the tenant's usage item as if earlier uploads had left it so. */
  setUsage(tenantId: string, usage: UsageTotals): Promise<void>;
  /** The sizes of the tenant's document objects in the bucket. */
  storedObjects(tenantId: string): Promise<number[]>;
  /**
   * The highest committedPlusReserved any usage write left since the subject was made, where the
   * store can record it exactly (the fake); DynamoDB cannot, so its suites sample reads instead.
   */
  peakCommittedPlusReserved?(): number;
}

export function memoryDocuments(): DocumentsSubject {
  const w = memoryWorld(new Date().toISOString());
  w.deps.clock = { now: () => new Date() };
  return {
    deps: w.deps,
    addRecord: async (_t, l) => void w.records.add(`${l.entity}#${l.id}`),
    addUser: async (_t, u) => void w.users.add(u),
    // S3 reports the bytes' SHA-256 (signed in by the PUT, or hashed by the store where s3rver keeps none).
    putObject: async (key, body) => void w.put(key, { size: Buffer.byteLength(body), sha256: sha256Base64(body) }),
    setUsage: async (t, usage) => void w.usage.set(t, structuredClone(usage)),
    storedObjects: async (t) => [...w.objects].filter(([key]) => key.startsWith(`t/${t}/d/`)).map(([, h]) => h.size),
    peakCommittedPlusReserved: () => w.stats.maxCommittedPlusReserved,
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
    async setUsage(tenantId, usage) {
      await documentClient().send(
        new PutCommand({ TableName: tableName(), Item: { ...usageKey(tenantId), kind: 'usage', ...usage } }),
      );
    },
    async storedObjects(tenantId) {
      const { Contents = [] } = await s3().send(
        new ListObjectsV2Command({ Bucket: bucketName(), Prefix: `t/${tenantId}/d/` }),
      );
      return Contents.map((o) => o.Size ?? 0);
    },
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
