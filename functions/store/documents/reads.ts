import { GetCommand, TransactGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Document, DocumentVersion } from '#core/documents/document';
import type { Upload } from '#core/documents/upload';
import type { Page, PageRequest } from '#core/paging';
import type { TimelineEntry } from '#core/records/record';
import { allUnder } from '#store/dynamo/all-pages';
import { batchGet } from '#store/dynamo/batch-get';
import { documentClient, tableName } from '#store/dynamo/client';
import { documentPk, PENDING_UPLOAD_PREFIX, TIMELINE_PREFIX, VERSION_PREFIX } from '#store/dynamo/keys';
import { queryPage } from '#store/dynamo/query-page';
import { documentKey, uploadKey, versionKey, type Key } from '#store/documents/items';
import { skPrefix } from '#store/dynamo/key-prefix';
import { withActorRead } from '#core/actor';

// Reads that decide a state change are strongly consistent. Every key leads with the tenant, so
// another tenant's id is simply a key that holds nothing.

async function getItem(Key: Key): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }));
  return Item;
}

export const getDocument = async (tenantId: string, id: string): Promise<Document | undefined> =>
  (await getItem(documentKey(tenantId, id)))?.document as Document | undefined;

export async function getDocuments(tenantId: string, ids: string[]): Promise<Document[]> {
  const items = await batchGet(
    [...new Set(ids)].map((id) => documentKey(tenantId, id)),
    { consistent: true },
  );
  return items.flatMap((i) => (i ? [i.document as Document] : []));
}

export const getVersion = async (
  tenantId: string,
  documentId: string,
  n: number,
): Promise<DocumentVersion | undefined> =>
  Number.isSafeInteger(n) && n > 0
    ? ((await getItem(versionKey(tenantId, documentId, n)))?.version as DocumentVersion | undefined)
    : undefined;

/** Oldest first: version sort keys are zero-padded numbers. */
export const listVersions = (tenantId: string, documentId: string): Promise<DocumentVersion[]> =>
  allUnder(documentPk(tenantId, documentId), VERSION_PREFIX, (i) => i.version as DocumentVersion);

export const getUpload = async (tenantId: string, id: string): Promise<Upload | undefined> =>
  (await getItem(uploadKey(tenantId, id)))?.upload as Upload | undefined;

/** The version uploads pending on a document: their copies in its partition, read consistently. */
export const pendingUploads = (tenantId: string, documentId: string): Promise<Upload[]> =>
  allUnder(documentPk(tenantId, documentId), PENDING_UPLOAD_PREFIX, (i) => i.upload as Upload);

/** The finaliser's first round trip: upload and document in one consistent BatchGetItem. */
export async function getUploadAndDocument(
  tenantId: string,
  uploadId: string,
  documentId: string,
  opts: { atomic?: boolean } = {},
): Promise<{ upload?: Upload; document?: Document }> {
  const keys = [uploadKey(tenantId, uploadId), documentKey(tenantId, documentId)];
  const [upload, document] = opts.atomic
    ? ((
        await documentClient().send(
          new TransactGetCommand({ TransactItems: keys.map((Key) => ({ Get: { TableName: tableName(), Key } })) }),
        )
      ).Responses?.map((r) => r.Item) ?? [])
    : await batchGet(keys, { consistent: true });
  return { upload: upload?.upload as Upload | undefined, document: document?.document as Document | undefined };
}

export const documentTimeline = (
  tenantId: string,
  documentId: string,
  page: PageRequest,
): Promise<Page<TimelineEntry>> =>
  queryPage(
    {
      ...skPrefix(documentPk(tenantId, documentId), TIMELINE_PREFIX),
      ScanIndexForward: false,
    },
    page,
    (item) => withActorRead(item.entry as TimelineEntry),
  );
