import { documentVersionAdded } from '#core/approvals/end-approval';
import { logger } from '#observability/logger';
import { approvalsDeps } from '#wiring/approvals';

/**
 * Invoked asynchronously (Lambda `Event` invocation) by whatever committed a new document version
 * of a document under approval: voids the approvals bound to an older version.
 */
export async function handler(event: { tenantId: string; documentId: string; version: number }) {
  const result = await documentVersionAdded(approvalsDeps, event);
  logger.info('approvals voided by a new document version', { ...event, ...result });
  return result;
}
