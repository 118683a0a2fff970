// Contacts written straight into DynamoDB Local, item for item what POST /v1/contacts stores
// for the record and its search index (see #store/records/record-write), so the API lists them as its own.
// They carry only a lastName (one search item each): DynamoDB Local spends ~1.5 ms of its single
// busy core per item written, and 41,000 contacts with names and emails (six items each) would
// take most of the bench's ten minutes. The list indexes, which are what is measured, are complete.
// The back-link each contact keeps under its company (read by GET /v1/companies/{id}/contacts, not
// measured here) is left out for the same reason.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newId, now } from '#core/ids';
import type { CrmRecord } from '#core/records/record';
import { searchTokens } from '#core/records/search-tokens';
import { searchPk, searchSk } from '#store/dynamo/keys';
import { recordItem } from '#store/records/record-item';
import { batchWriteAll } from '#test/bench/lib/dynamo-client';

export interface SeedSpec {
  tenantId: string;
  ownerId: string;
  companyId: string;
  createdBy: string;
  /** Distinguishes tenants' contacts, so names and emails stay unique. */
  label: string;
}

export function seededContact(spec: SeedSpec, n: number): CrmRecord {
  const at = now();
  const number = String(n).padStart(6, '0');
  return {
    id: newId('con'),
    entity: 'contact',
    version: 1,
    ownerId: spec.ownerId,
    fields: { lastName: `Seed${spec.label}${number}`, companyId: spec.companyId },
    custom: {},
    createdAt: at,
    updatedAt: at,
    createdBy: spec.createdBy,
    updatedBy: spec.createdBy,
  };
}

export function contactItems(tenantId: string, record: CrmRecord): Array<Record<string, unknown>> {
  return [
    recordItem(tenantId, record),
    ...searchTokens(record).map((t) => ({
      pk: searchPk(tenantId, record.entity),
      sk: searchSk(t, record.id),
      kind: 'search',
      ref: { entity: record.entity, id: record.id },
    })),
  ];
}

/** Seeds `count` contacts in chunks (records made just before they are written, so createdAt moves on). */
export async function seedContacts(
  client: DynamoDBDocumentClient,
  table: string,
  spec: SeedSpec,
  count: number,
  from = 0,
): Promise<CrmRecord[]> {
  const seeded: CrmRecord[] = [];
  const CHUNK = 2_000;
  for (let start = 0; start < count; start += CHUNK) {
    const records = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) =>
      seededContact(spec, from + start + i),
    );
    await batchWriteAll(
      client,
      table,
      records.flatMap((r) => contactItems(spec.tenantId, r)),
    );
    seeded.push(...records);
  }
  return seeded;
}
