import { createHash } from 'node:crypto';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import type { RecordLink } from '#core/documents/document';
import type { DocumentsDeps, Relation, ShareLink } from '#core/documents/ports';
import { uploadObjectKey, uploadTimes, type Upload } from '#core/documents/upload';
import { newId } from '#core/ids';
import type { Plan, Role, TenantCaller } from '#core/tenancy/caller';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { documentClient, resetDocumentClient, tableName } from '#store/dynamo/client';
import { META, TIMELINE_PREFIX, userPk } from '#store/dynamo/keys';
import { s3ObjectStore } from '#store/documents/object-store';
import { bucketName, s3 } from '#store/aws/s3';
import { dynamoShareLinkStore } from '#store/documents/share-link-store';
import { dynamoUsageStore } from '#store/quota/usage-store';
import { call, newTenant } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { keyActor } from '#core/actor';

// The real stores against the DynamoDB Local and s3rver that vitest's global setup started. Objects
// go to a bucket of their own: the runtime finalises uploads on its bucket's events, and these tests
// drive the finaliser themselves (and count its round trips).

export function useLocalStores(): void {
  beforeAll(async () => {
    useLocalRuntimeFromThisProcess({
      BUCKET_NAME: `${inject('bucketName')}-store-tests`,
      CURSOR_SECRET: 'documents-store-test-cursor-secret-0123456789',
    });
    await s3()
      .send(new CreateBucketCommand({ Bucket: bucketName() }))
      .catch((e: { name?: string }) => {
        if (e.name !== 'BucketAlreadyOwnedByYou' && e.name !== 'BucketAlreadyExists') throw e;
      });
  });
  afterAll(() => resetDocumentClient());
}

export function deps(clock: () => Date = () => new Date()): DocumentsDeps {
  return {
    documents: dynamoDocumentsStore,
    objects: s3ObjectStore,
    usage: dynamoUsageStore,
    shareLinks: dynamoShareLinkStore,
    clock: { now: clock },
  };
}

export const sha256Base64 = (data: string | Buffer): string => createHash('sha256').update(data).digest('base64');
export const freshTenant = (): string => newId('ten');
export const USER = 'usr_01JD0000000000000000000003';
/** USER acting through a key: what stores record as the actor of a change. */
export const ACTOR = keyActor({ userId: USER, keyId: 'key_01JD0000000000000000000003' });

export function caller(
  tenantId: string,
  opts: { role?: Role; userId?: string; plan?: Plan; seats?: number } = {},
): TenantCaller {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    kind: 'tenant',
    tenantId,
    userId: opts.userId ?? USER,
    role: opts.role ?? 'member',
    keyId: 'key_01JD0000000000000000000000',
    tenant: {
      id: tenantId,
      name: 'Acme',
      plan: opts.plan ?? 'free',
      seats: opts.seats ?? 1,
      status: 'active',
      version: 1,
      createdAt: at,
      updatedAt: at,
    },
  };
}

/** A share link of the document, valid for an hour, with no download limit. */
export const shareLink = (tenantId: string, documentId: string, over: Partial<ShareLink> = {}): ShareLink => ({
  id: newId('shl'),
  tenantId,
  documentId,
  tokenHash: sha256Base64(newId('req')),
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  maxDownloads: null,
  downloads: 0,
  by: USER,
  ...over,
});

/** A relation between two documents of the tenant, made by USER now. */
export const relation = (tenantId: string, fromId: string, toId: string, type: Relation['type']): Relation => ({
  id: newId('rel'),
  tenantId,
  fromId,
  toId,
  type,
  createdAt: new Date().toISOString(),
  by: USER,
});

/** A pending upload as requestUpload builds it. */
export function pendingUpload(tenantId: string, over: Partial<Upload> = {}): Upload {
  const id = over.id ?? newId('upl');
  const documentId = over.documentId ?? newId('doc');
  const size = over.size ?? 5;
  return {
    id,
    tenantId,
    documentId,
    kind: 'document',
    fileName: 'contract.pdf',
    contentType: 'application/pdf',
    size,
    sha256: sha256Base64('hello'),
    links: [],
    by: USER,
    objectKey: uploadObjectKey(tenantId, documentId, id),
    ...uploadTimes(new Date().toISOString()),
    status: 'pending',
    ...over,
  };
}

export async function putObject(key: string, body: string | Buffer): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: bucketName(), Key: key, Body: body }));
}

export async function storedBytes(tenantId: string): Promise<{ count: number; bytes: number }> {
  const { Contents = [] } = await s3().send(
    new ListObjectsV2Command({ Bucket: bucketName(), Prefix: `t/${tenantId}/` }),
  );
  return { count: Contents.length, bytes: Contents.reduce((n, o) => n + (o.Size ?? 0), 0) };
}

/** A user item as the users feature will write it: ACL entries must name one. */
export async function putUser(tenantId: string, userId: string): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: userPk(tenantId, userId), sk: META, kind: 'user', userId, active: true },
    }),
  );
}

export async function timeline(pk: string): Promise<Array<{ type: string; actor: unknown; changes: unknown[] }>> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
      ExpressionAttributeValues: { ':pk': pk, ':tl': TIMELINE_PREFIX },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => i.entry);
}

export async function partition(pk: string): Promise<string[]> {
  const { Items = [] } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => i.sk as string);
}

/** A tenant with real records (created through the API) to link documents to. */
export async function tenantWithRecords(
  count = 2,
): Promise<{ tenantId: string; ownerKey: string; companies: RecordLink[] }> {
  const t = await newTenant('Documents store', 'standard', 5);
  const companies: RecordLink[] = [];
  for (let i = 0; i < count; i++) {
    const res = await call('POST', '/v1/companies', { key: t.ownerKey, body: { name: `Company ${i}` } });
    if (res.status !== 201) throw new Error(`company: ${res.status} ${JSON.stringify(res.body)}`);
    companies.push({ entity: 'company', id: res.body.id });
  }
  return { tenantId: t.id, ownerKey: t.ownerKey, companies };
}
