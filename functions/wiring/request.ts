import type { RequestDeps } from '#core/platform/request-ports';
import { dynamoIdempotencyStore } from '#store/platform/idempotency-store';
import { withPrefetchScope } from '#store/dynamo/prefetch';
import { prefetchRecord } from '#store/records/records-store';
import { prefetchTemplate } from '#store/templates/templates-store';
import { prefetchUsage } from '#store/quota/usage-store';
import { retryAfterSeconds, storeUnavailability } from '#store/dynamo/unavailable';

/** The HTTP pipeline's own ports, the same for every API Lambda. */
export const requestDeps: RequestDeps = {
  idempotency: dynamoIdempotencyStore,
  prefetch(tenantId, { records, templateId, usage }) {
    records?.forEach((ref) => prefetchRecord(tenantId, ref));
    if (templateId) prefetchTemplate(tenantId, templateId);
    if (usage) prefetchUsage(tenantId);
  },
  prefetchScope: withPrefetchScope,
  outageRetryAfter: (error) => {
    const why = storeUnavailability(error);
    return why && retryAfterSeconds(why);
  },
};
