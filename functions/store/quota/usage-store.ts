import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { UsageStore } from '#core/quota/ports';
import type { ReservationRule } from '#core/quota/reservation';
import { EMPTY_USAGE, type UsageDelta, type UsageTotals } from '#core/quota/usage';
import { tableName } from '#store/dynamo/client';
import { usageKey } from '#store/dynamo/keys';
import { readItem, want } from '#store/dynamo/prefetch';

// The usage item (T#<tenant>#tenant / USAGE) only ever changes by `ADD`, inside the transaction of
// the item change that causes it, so committedPlusReserved = usedBytes + reservedBytes holds after
// every transaction. byUser is a map: `ADD byUser.#u` fails on a missing map, and one update cannot
// both create the map and add into it (overlapping paths). Every reservation therefore also does
// `SET byUser = if_not_exists(byUser, {})`: it touches no user entry, and every commit or delete
// that adds to byUser follows a reservation of the same tenant, so the map is always there by then.
// A map (not an item per user) keeps a commit at one usage write however many users a delete spans.

const TOTALS = ['usedBytes', 'reservedBytes', 'committedPlusReserved', 'documents'] as const;

/** The TransactWriteItems `Update` applying `delta`; with `rule`, the reservation's quota condition. */
export function usageUpdate(tenantId: string, delta: UsageDelta, rule?: ReservationRule) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds: string[] = [];
  for (const field of TOTALS) {
    if (delta[field] === 0) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = delta[field];
    adds.push(`#${field} :${field}`);
  }
  Object.entries(delta.byUser).forEach(([user, bytes], i) => {
    if (bytes === 0) return;
    names['#byUser'] = 'byUser';
    names[`#u${i}`] = user;
    values[`:u${i}`] = bytes;
    adds.push(`#byUser.#u${i} :u${i}`);
  });
  const sets = ['#kind = :kind'];
  names['#kind'] = 'kind';
  values[':kind'] = 'usage';
  if (rule) {
    names['#byUser'] = 'byUser';
    values[':noUsers'] = {};
    sets.push('#byUser = if_not_exists(#byUser, :noUsers)');
  }
  let condition: string | undefined;
  if (rule?.kind === 'limited') {
    names['#committedPlusReserved'] = 'committedPlusReserved';
    values[':maxBefore'] = rule.maxBefore;
    condition =
      rule.maxBefore >= 0
        ? 'attribute_not_exists(#committedPlusReserved) OR #committedPlusReserved <= :maxBefore'
        : '#committedPlusReserved <= :maxBefore';
  }
  return {
    Update: {
      TableName: tableName(),
      Key: usageKey(tenantId),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ...(condition ? { ConditionExpression: condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The usage item as the port reports it; user entries at zero are dropped, as applyDelta does. */
export function usageFromItem(item: Record<string, unknown> | undefined): UsageTotals {
  if (!item) return structuredClone(EMPTY_USAGE);
  const byUser = Object.fromEntries(
    Object.entries((item.byUser ?? {}) as Record<string, number>)
      .filter(([, n]) => Number(n) !== 0)
      .map(([u, n]) => [u, Number(n)]),
  );
  const n = (field: (typeof TOTALS)[number]) => Number(item[field] ?? 0);
  return {
    usedBytes: n('usedBytes'),
    reservedBytes: n('reservedBytes'),
    committedPlusReserved: n('committedPlusReserved'),
    documents: n('documents'),
    byUser,
  };
}

/** The old item DynamoDB returns in a cancellation reason (ALL_OLD), still in wire format. */
export const usageFromCancellation = (raw: unknown): UsageTotals =>
  usageFromItem(raw ? unmarshall(raw as Parameters<typeof unmarshall>[0]) : undefined);

/** Asks for the tenant's usage to be read with this request's authentication (prefetch.ts). */
export const prefetchUsage = (tenantId: string): void => want(usageKey(tenantId));

export const dynamoUsageStore: UsageStore = {
  async read(tenantId) {
    return usageFromItem(await readItem(usageKey(tenantId)));
  },
};
