import type { DocumentVersion } from '#core/documents/document';
import type { Upload } from '#core/documents/upload';
import type { StoredFacts } from '#core/quota/reconcile';
import { indexName } from '#store/dynamo/table-schema';
import { allPages } from '#store/dynamo/all-pages';
import { entityListPk, pendingUploadsPk, versionListPk } from '#store/dynamo/keys';

/**
 * What reconcile recounts, from the tenant's lists on the entity-created index: every stored
 * version, the live documents (counted, not read) and the uploads still pending (a sparse list:
 * settling removes an upload from it). Paged Queries, never a Scan; eventually consistent, which
 * suits a report that compares and does not overwrite.
 */
export async function usageFacts(tenantId: string): Promise<StoredFacts> {
  const byCreated = (pk: string) => ({
    IndexName: indexName('entity', 'created'),
    KeyConditionExpression: 'entityPk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  });
  const facts: StoredFacts = { versions: [], documents: 0, pendingReservations: [] };
  for await (const items of allPages(byCreated(versionListPk(tenantId)))) {
    facts.versions.push(
      ...items.map((i) => ({ size: (i.version as DocumentVersion).size, by: (i.version as DocumentVersion).by })),
    );
  }
  for await (const items of allPages({ ...byCreated(entityListPk(tenantId, 'document')), ProjectionExpression: 'pk' }))
    facts.documents += items.length;
  for await (const items of allPages(byCreated(pendingUploadsPk(tenantId))))
    facts.pendingReservations.push(...items.map((i) => (i.upload as Upload).size));
  return facts;
}

/** What functions/wiring plugs in as `usageFacts`. */
export const dynamoUsageFacts = { facts: usageFacts };
