import type { DocumentLists } from '#core/documents/document-lists';
import type { DocumentsDeps } from '#core/documents/ports';
import type { Presigner } from '#core/documents/presigner';
import type { UsageFacts } from '#core/documents/sweep-ports';
import type { IntakeStore } from '#core/intake/ports';
import type { HealthProbes, Workflows } from '#core/platform/ports';
import type { RequestPorts } from '#core/platform/request-ports';
import type { RecordsDeps } from '#core/records/ports';
import type { TenancyStore } from '#core/tenancy/ports';

/**
 * Every port a route may use, handed to it as `ctx.deps`; functions/wiring/ picks the
 * implementations per Lambda. Route modules never import a store or an AWS SDK (eslint.config.js).
 */
export interface ApiDeps {
  /** What the middy stack itself uses (idempotency, prefetch, outage classification). */
  request: RequestPorts;
  records: RecordsDeps;
  tenancy: TenancyStore;
  health: HealthProbes;
  workflows: Workflows;
  documents: DocumentsDeps;
  documentLists: DocumentLists;
  presigner: Presigner;
  usageFacts: UsageFacts;
  intake: IntakeStore;
  /** The OpenAPI document of the whole API (served by the platform Lambda). */
  apiDocument: () => Record<string, unknown>;
}
