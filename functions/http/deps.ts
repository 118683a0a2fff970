import type { ConversionDeps, ConversionWorkflow } from '#core/conversion/ports';
import type { ApprovalsDeps } from '#core/approvals/ports';
import type { DocumentLists } from '#core/documents/document-lists';
import type { DocumentsDeps, DocumentsStore } from '#core/documents/ports';
import type { Presigner } from '#core/documents/presigner';
import type { IntakeStore } from '#core/intake/ports';
import type { PagesDeps } from '#core/pages/ports';
import type { HealthProbes, Workflows } from '#core/platform/ports';
import type { RequestDeps } from '#core/platform/request-ports';
import type { ReconcileDeps } from '#core/quota/reconcile-jobs';
import type { RecordsDeps } from '#core/records/ports';
import type { EventsStore } from '#core/outbox/read-events';
import type { DeliveryDeps } from '#core/webhooks/delivery-ports';
import type { ReplayDeps } from '#core/webhooks/replay';
import type { SearchDeps } from '#core/search/search';
import type { SendingDeps } from '#core/sending/ports';
import type { TenancyStore } from '#core/tenancy/ports';
import type { WebhooksDeps } from '#core/webhooks/ports';
import type { Document } from '#core/documents/document';
import type { UsageStore } from '#core/quota/ports';
import type { HtmlRenderer, JobsStore, RenderWorkflows, SequencesStore, TemplatesStore } from '#core/templates/ports';

/** What the templates API uses: templates, sequences, jobs, and the workflows that render. */
export interface TemplatesDeps {
  templates: TemplatesStore;
  /** Fills templates in (previews), on budgets and off the request's event loop. */
  html: HtmlRenderer;
  sequences: SequencesStore;
  jobs: JobsStore;
  usage: UsageStore;
  workflows: RenderWorkflows;
  records: RecordsDeps;
  /** The output cap reserved per generation. */
  maxBytes: number;
  /** How long a job may run before the job sweeper settles it. */
  jobDeadlineMs: number;
  /** The generated document, read after its job succeeded. */
  documentOf(tenantId: string, id: string): Promise<Document>;
  /** The document a regeneration adds a version to, and its current version's facts. */
  documents: Pick<DocumentsStore, 'getDocument' | 'getVersion'>;
}

/**
 * Every port a route may use: a route names those it uses (`ports`) and gets only those as
 * `ctx.deps`; functions/wiring/ picks the implementations per Lambda, exactly the ports its routes
 * name and the stack's. Route modules never import a store or an AWS SDK (eslint.config.js).
 */
export interface ApiDeps {
  /** What the middy stack itself uses (idempotency, prefetch, outage classification). */
  request: RequestDeps;
  records: RecordsDeps;
  tenancy: TenancyStore;
  health: HealthProbes;
  workflows: Workflows;
  documents: DocumentsDeps;
  /** Storage use per tenant, alone: the admin tenant view shows it without the documents' other ports. */
  usage: UsageStore;
  approvals: ApprovalsDeps;
  documentLists: DocumentLists;
  presigner: Presigner;
  /** Sending documents by email (documents API). */
  sending: SendingDeps;
  /** Lead conversion: its ports, and the workflow that runs it. */
  conversion: ConversionDeps & { workflow: ConversionWorkflow };
  /** The usage recount (admin) and its jobs. */
  reconcile: ReconcileDeps;
  templates: TemplatesDeps;
  intake: IntakeStore;
  /** The pages approvers and clients open from links: action links, rate counters, the forms' nonce key. */
  pages: PagesDeps;
  /** The outbox read as the tenant's event feed. */
  events: EventsStore;
  /** Webhook subscriptions and the address rules their URLs meet. */
  webhooks: WebhooksDeps;
  /** Webhook delivery: its log, test sends and replays (the subscriptions' own port is `webhooks`). */
  webhookDelivery: DeliveryDeps & ReplayDeps;
  /** Search: the tenant's index, and the table that has the last word on every hit. */
  search: SearchDeps;
  /** The OpenAPI document of the whole API (served by the platform Lambda, prebuilt at bundling). */
  apiDocument: () => Promise<Record<string, unknown>>;
}
