// The deployable parts of Dossier, read by the CDK app, the local runtime and the route table so
// they cannot drift. Each function names its entry module (exporting `handler`), the least
// privileges it needs, and for an API function the routes module it serves (default export).

export type TableAccess = 'read' | 'readwrite';
// probe: only s3:ListBucket on the bucket itself (HEAD for GET /health, listing a tenant's prefix for
// reconcile), no object access.
export type BucketAccess = 'none' | 'probe' | 'read' | 'readwrite';

/** What a function needs beyond the shared bundling (infra/constructs/bundling.ts). */
export interface FunctionBundling {
  /** Left out of the bundle: provided by the runtime or a layer (e.g. Chromium for the PDF renderer). */
  externalModules?: readonly string[];
  /** Installed beside the bundle instead of bundled (packages with native parts or data files). */
  nodeModules?: readonly string[];
  /** Lambda layer asset folders or zips, relative to the project root. */
  layers?: readonly string[];
  /** Project folders copied into the bundle, by their folder name there (under /var/task on Lambda). */
  folders?: Readonly<Record<string, string>>;
  /** Files written into the bundle at bundling time, by their name there: the project script (tsx) given that path. */
  generated?: Readonly<Record<string, string>>;
}

export interface FunctionSpec {
  id: string;
  entry: string;
  /**
   * schedule: invoked every `everyMinutes` (EventBridge Scheduler on AWS, a timer locally); invoked: by other
   * functions, asynchronously; event: S3 ObjectCreated of the bucket; mail-event: SES delivery events (EventBridge);
   * stream: the table's stream, filtered by `webhookFanOutFilter` (an event source mapping on AWS,
   * infra/local/streams.ts locally).
   */
  kind: 'api' | 'task' | 'event' | 'schedule' | 'invoked' | 'mail-event' | 'stream';
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  table: TableAccess;
  bucket: BucketAccess;
  /** State machines (by id) this function may start or call back into. */
  startsMachines: readonly string[];
  /**
   * State machines (by id) whose task tokens this function only resumes (SendTaskSuccess/Failure):
   * it may not start, describe or stop them.
   */
  resumesMachines?: readonly string[];
  /** The entry's export Lambda calls (default `handler`): functions sharing one module each name theirs. */
  handler?: string;
  /** kind 'api': the module whose default export is the routes this function serves. */
  routes?: string;
  /** Sends email through SES: `ses:SendEmail` on the platform identity with the configuration set, from its address only. */
  sendsMail?: boolean;
  /** Functions (by id) this one invokes (asynchronously, InvocationType Event; acceptance-certificate waits for render-pdf). */
  invokes?: readonly string[];
  /** The search index (its bucket and LanceDB's commit table): queried, or written too. */
  searchIndex?: 'read' | 'readwrite';
  /** kind 'schedule': minutes between runs. */
  everyMinutes?: number;
  bundling?: FunctionBundling;
}

/** Lambda's event filtering, the subset used here: per field the accepted values (a literal or a prefix). */
export type FilterLeaf = string | number | { readonly prefix: string };
export interface FilterPattern {
  readonly [field: string]: readonly FilterLeaf[] | FilterPattern;
}

/**
 * The table stream's records the webhook fan-out is given: new outbox items only (decision 0012).
 * The event source mapping's filter criteria on AWS, the local poller's filter (infra/local/streams.ts).
 */
export const webhookFanOutFilter = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { sk: { S: [{ prefix: 'OUT#' }] } } },
} as const satisfies FilterPattern;

export const functions = [
  {
    id: 'platform-api',
    entry: 'functions/http/platform/api.ts',
    routes: 'functions/http/platform/api-routes.ts',
    kind: 'api',
    description: 'Health, OpenAPI, tenants, API keys',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'probe',
    startsMachines: ['health'],
    // GET /v1/openapi.json serves this file: built from every route at run time, the document would put
    // every capability's routes (and what they import) in this bundle.
    bundling: { generated: { 'openapi.json': 'infra/openapi-file.ts' } },
  },
  {
    id: 'records-api',
    entry: 'functions/http/records/api.ts',
    routes: 'functions/http/records/api-routes.ts',
    kind: 'api',
    description: 'Leads, contacts, companies, deals, pipelines, custom fields, lead conversion, webhooks',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: ['lead-conversion'],
    // A webhook replay starts a delivery worker at once.
    invokes: ['deliver-webhooks'],
  },
  {
    id: 'documents-api',
    entry: 'functions/http/documents/api.ts',
    routes: 'functions/http/documents/api-routes.ts',
    kind: 'api',
    description: 'Uploads, documents, versions, relations, share links, usage',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
    // A new version of a document under approval: its approval is voided there, asynchronously. An
    // invoice read with its e-invoice pending for too long is handed to its validation again.
    invokes: ['approval-void', 'validate-einvoice'],
  },
  {
    // Its own function (issue 25): the search engine's native module (LanceDB) lives in this
    // function's layer only, beside no other API.
    id: 'search-api',
    entry: 'functions/http/search/api.ts',
    routes: 'functions/http/search/api-routes.ts',
    kind: 'api',
    description: 'Search across documents and records',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: 'read',
    bucket: 'none',
    startsMachines: [],
    searchIndex: 'read',
    // In the search layer (infra/constructs/search-index.ts): a native module for Lambda's platform.
    bundling: { externalModules: ['@lancedb/lancedb'] },
  },
  {
    // Its own function: the mail stack (MIME, SES client, email templates) stays out of documents-api;
    // of the API functions only this one sends documents (approvals-api and pages-api send approval notices).
    id: 'sending-api',
    entry: 'functions/http/sending/api.ts',
    routes: 'functions/http/sending/api-routes.ts',
    kind: 'api',
    description: 'Sending documents by email and their sends',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    // Attachments are read from the bucket; link sends only write their share link to the table.
    bucket: 'read',
    startsMachines: [],
    sendsMail: true,
  },
  {
    // Its own function: only it starts the approval workflow and resumes its task tokens.
    id: 'approvals-api',
    entry: 'functions/http/approvals/api.ts',
    routes: 'functions/http/approvals/api-routes.ts',
    kind: 'api',
    description: 'Approval routes and their versions, approvals, approval tasks and decisions',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: ['approval'],
    // A delegation emails the delegate their notice.
    sendsMail: true,
  },
  {
    // Invoked asynchronously by the render workflow's register once an invoice and its pending e-invoice
    // are stored (or by a read that found one pending too long). The EN 16931 and Peppol Schematron
    // (10.7 MB of compiled rules) live here only: at about 0.5 s a 40-line invoice they stay out of
    // the invoice's answer.
    id: 'validate-einvoice',
    entry: 'functions/events/validate-einvoice.ts',
    kind: 'invoked',
    description: 'Validates a stored e-invoice against EN 16931 and Peppol BIS 3.0 (Schematron), states the result',
    memoryMb: 1024,
    timeoutSeconds: 60,
    table: 'readwrite',
    // Reads the stored XML.
    bucket: 'read',
    startsMachines: [],
    bundling: {
      // store/einvoice/rules.ts: SaxonJS's undeclared globals fail in an ES module bundle; the rules
      // are read from this folder.
      externalModules: ['saxon-js'],
      nodeModules: ['saxon-js'],
      folders: { 'einvoice-rules': 'einvoice/compiled' },
    },
  },
  {
    // Forms admin and the public intake in one small function: one capability, one form store.
    id: 'intake-api',
    entry: 'functions/http/intake/api.ts',
    routes: 'functions/http/intake/api-routes.ts',
    kind: 'api',
    description: 'Forms, their submission logs, and the public form intake',
    memoryMb: 512,
    timeoutSeconds: 29,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    // Its own function (issue 23): HTML pages for people holding a link (approvers, clients), with only
    // the grants they need: no workflow starts, and mail only for a delegation's notice.
    id: 'pages-api',
    entry: 'functions/http/pages/api.ts',
    routes: 'functions/http/pages/api-routes.ts',
    kind: 'api',
    description: "The approver's and client's pages: HTML behind a token, their stylesheet",
    memoryMb: 512,
    timeoutSeconds: 29,
    // Reads the link, task, approval and document; writes decisions, delegations and rate counters.
    table: 'readwrite',
    // Reads the document it shows (streamed up to 4 MB) and presigns its download.
    bucket: 'read',
    // A decision resumes the approval workflow's task token; it starts, describes and stops nothing.
    startsMachines: [],
    resumesMachines: ['approval'],
    // A client's acceptance hands its certificate to its worker.
    invokes: ['acceptance-certificate'],
    // A delegation emails the delegate their notice.
    sendsMail: true,
  },
  {
    id: 'probe-storage',
    entry: 'functions/tasks/probe-storage.ts',
    kind: 'task',
    description: 'Health workflow task: round trip to the table and the bucket',
    memoryMb: 256,
    timeoutSeconds: 10,
    table: 'readwrite',
    bucket: 'read',
    startsMachines: [],
  },
  {
    id: 'conversion-tasks',
    entry: 'functions/tasks/conversion-tasks.ts',
    kind: 'task',
    description: 'Lead conversion workflow tasks: map, validate, duplicates, plan, commit, carry documents',
    memoryMb: 512,
    timeoutSeconds: 20,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    // A conversion whose workflow was cut off after its commit still owes the lead's documents a carry.
    id: 'carry-conversion-documents',
    entry: 'functions/events/carry-conversion-documents.ts',
    kind: 'schedule',
    everyMinutes: 1,
    description: 'Carries the lead documents of conversions whose workflow stopped after the commit',
    memoryMb: 256,
    timeoutSeconds: 120,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    // Deletes what lands outside every tenant prefix (t/<tenant>/): nothing may reach the bucket around the API.
    id: 'object-created',
    entry: 'functions/events/object-created.ts',
    kind: 'event',
    description: 'S3 ObjectCreated: finalises uploads, removes objects outside every tenant prefix',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
    // A new version of a document under approval: its approval is voided there, asynchronously.
    invokes: ['approval-void'],
  },
  {
    // TTL alone is not prompt (up to days) and gives no bytes back to the quota: a sweep every minute does.
    id: 'sweep-reservations',
    entry: 'functions/events/sweep-reservations.ts',
    kind: 'schedule',
    everyMinutes: 1,
    description:
      'Releases expired upload reservations; finalises uploads whose event was lost; settles render jobs past their deadline',
    memoryMb: 256,
    timeoutSeconds: 60,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
    // A new version of a document under approval: its approval is voided there, asynchronously.
    invokes: ['approval-void'],
  },
  {
    // The approval workflow's five task functions share one bundle and one dispatching module (step
    // dispatch, as conversion and rendering do). They stay five resources for one release: running
    // approvals execute retained state-machine versions (the `live` alias) that name these five ARNs
    // and send no `step`, so each resource's export fixes its step. Once no execution runs an older
    // version, the state machine passes `step` and they become one function.
    id: 'approval-open-stage',
    entry: 'functions/tasks/approval-steps.ts',
    handler: 'openStageHandler',
    kind: 'task',
    description: 'Approval workflow task: opens a stage and its tasks',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
    sendsMail: true,
  },
  {
    id: 'approval-await-decision',
    entry: 'functions/tasks/approval-steps.ts',
    handler: 'awaitDecisionHandler',
    kind: 'task',
    description: 'Approval workflow task (.waitForTaskToken): keeps a task token with its task',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    id: 'approval-deadline',
    entry: 'functions/tasks/approval-steps.ts',
    handler: 'deadlineHandler',
    kind: 'task',
    description: 'Approval workflow task: a stage deadline passed (remind, escalate or reject)',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
    sendsMail: true,
  },
  {
    id: 'approval-close-stage',
    entry: 'functions/tasks/approval-steps.ts',
    handler: 'closeStageHandler',
    kind: 'task',
    description: 'Approval workflow task: records a stage outcome',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    id: 'approval-finish',
    entry: 'functions/tasks/approval-steps.ts',
    handler: 'finishHandler',
    kind: 'task',
    description: 'Approval workflow task: ends an approval and updates its document',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    // Invoked asynchronously (InvocationType Event) after a new version of a document under approval commits.
    id: 'approval-void',
    entry: 'functions/events/approval-void.ts',
    kind: 'invoked',
    description: 'Voids approvals of a document that got a new version',
    memoryMb: 256,
    timeoutSeconds: 60,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: ['approval'],
  },
  {
    // Invoked asynchronously (InvocationType Event) when a client accepts an offer on its share link's page (issue 23).
    id: 'acceptance-certificate',
    entry: 'functions/events/acceptance-certificate.ts',
    kind: 'invoked',
    description: 'Renders, stores and mails the certificate of an accepted offer',
    memoryMb: 512,
    // render-pdf's cold start (Chromium) and a page's render.
    timeoutSeconds: 120,
    table: 'readwrite',
    // Writes the certificate's object (the upload's key); reads nothing back.
    bucket: 'readwrite',
    startsMachines: [],
    sendsMail: true,
    // render-pdf is called and waited for (RequestResponse): the one function with Chromium.
    invokes: ['render-pdf'],
  },
  {
    // SES reports delivery, bounces and complaints after it accepted a message: they find their send by its tags.
    id: 'ses-events',
    entry: 'functions/events/ses-events.ts',
    kind: 'mail-event',
    description: 'SES delivery, bounce and complaint events (EventBridge): send status, bounced addresses on contacts',
    memoryMb: 256,
    timeoutSeconds: 30,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
  },
  {
    // A recount of a large tenant outlasts an API request: the admin route queues it, this finishes it.
    id: 'run-reconcile-jobs',
    entry: 'functions/events/run-reconcile-jobs.ts',
    kind: 'schedule',
    everyMinutes: 1,
    description:
      'Finishes queued usage recounts (POST /v1/admin/tenants/{id}/reconcile on large tenants) and reindex jobs (POST /v1/admin/tenants/{id}/reindex)',
    // A reindex extracts text as the search indexer does, with its memory.
    memoryMb: 2048,
    timeoutSeconds: 600,
    table: 'readwrite',
    // The recount lists the tenant's prefix (ListObjectsV2); a reindex reads files without text in the index.
    bucket: 'read',
    startsMachines: [],
    searchIndex: 'readwrite',
    // In the search layer (infra/constructs/search-index.ts): a native module for Lambda's platform.
    bundling: { externalModules: ['@lancedb/lancedb'] },
  },
  {
    // The outbox's consumer (decision 0013): each committed event becomes a due attempt per matching
    // subscription, then a worker is started at once.
    id: 'webhook-fan-out',
    entry: 'functions/events/webhook-fan-out.ts',
    kind: 'stream',
    description: 'Table stream (new OUT# items): queues a delivery per matching webhook subscription',
    memoryMb: 256,
    timeoutSeconds: 60,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
    invokes: ['deliver-webhooks'],
  },
  {
    // The outbox's second consumer (issue 25): the documents and records a batch of events changed,
    // read back and indexed in one write per tenant. Reads the documents' bytes to extract their text.
    id: 'search-indexer',
    entry: 'functions/events/search-indexer.ts',
    kind: 'stream',
    description: 'Table stream (new OUT# items): indexes changed documents (their text) and records for search',
    memoryMb: 2048,
    timeoutSeconds: 300,
    table: 'readwrite',
    bucket: 'read',
    startsMachines: [],
    searchIndex: 'readwrite',
    // In the search layer (infra/constructs/search-index.ts): a native module for Lambda's platform.
    bundling: { externalModules: ['@lancedb/lancedb'] },
  },
  {
    id: 'optimise-search',
    entry: 'functions/events/optimise-search.ts',
    kind: 'schedule',
    everyMinutes: 1,
    description: 'Merges the search indexes the stream indexer left for later (new rows, compaction, old versions)',
    memoryMb: 1024,
    timeoutSeconds: 600,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
    searchIndex: 'readwrite',
    // In the search layer (infra/constructs/search-index.ts): a native module for Lambda's platform.
    bundling: { externalModules: ['@lancedb/lancedb'] },
  },
  {
    // Scheduled for retries (their waits run from a minute to a day), invoked by the fan-out for a
    // prompt first attempt. Sends for up to 50 s a run, each under a 10 s deadline.
    id: 'deliver-webhooks',
    entry: 'functions/events/deliver-webhooks.ts',
    kind: 'schedule',
    everyMinutes: 1,
    description: 'Sends due webhook deliveries (signed, in order per resource), retries, switches failing ones off',
    memoryMb: 512,
    timeoutSeconds: 90,
    table: 'readwrite',
    bucket: 'none',
    startsMachines: [],
    // A subscription switched off is told to the tenant's admins and owners.
    sendsMail: true,
  },
  {
    id: 'templates-api',
    entry: 'functions/http/templates/api.ts',
    routes: 'functions/http/templates/api-routes.ts',
    kind: 'api',
    description: 'Templates, sequences, previews, document generation and its jobs',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: 'readwrite',
    // It signs the GET link to a preview over the inline cap (t/<tenant>/previews/); a presigned URL
    // acts with its signer's rights. It reads no object itself.
    bucket: 'read',
    startsMachines: ['render-document', 'render-preview'],
    // The spelling dictionaries are read from their package folders at run time (esbuild cannot
    // inline the files they read): installed beside the bundle, loaded on the first check.
    bundling: { nodeModules: ['dictionary-en', 'dictionary-en-gb', 'dictionary-et'] },
  },
  {
    id: 'render-steps',
    entry: 'functions/tasks/render-steps.ts',
    kind: 'task',
    description: 'Render workflow: gather data, reserve, number, HTML, register, release on failure',
    memoryMb: 512,
    timeoutSeconds: 60,
    table: 'readwrite',
    bucket: 'readwrite',
    startsMachines: [],
    // An invoice registered with its e-invoice pending: the Schematron runs there, asynchronously.
    invokes: ['validate-einvoice'],
  },
  {
    // Chromium lives here only (never in an API bundle): JavaScript off, every request but data: aborted.
    id: 'render-pdf',
    entry: 'functions/tasks/render-pdf.ts',
    kind: 'task',
    description: 'Render workflow and previews: HTML to PDF in headless Chromium',
    memoryMb: 2048,
    timeoutSeconds: 90,
    table: 'read',
    bucket: 'readwrite',
    startsMachines: [],
    bundling: {
      externalModules: ['@sparticuz/chromium'],
      nodeModules: ['@sparticuz/chromium'],
      // Lambda has no fonts but the Open Sans @sparticuz/chromium brings; its fontconfig also reads
      // /var/task/fonts, so documents print in the same DejaVu Sans as on a Debian machine.
      folders: { fonts: 'templates/fonts' },
    },
  },
  {
    // The e-invoice's UBL 2.1 XSD, beside Chromium in the render workflow's Parallel state, so neither
    // the render steps nor render-pdf carry it; the Schematron runs later, in validate-einvoice.
    id: 'render-einvoice',
    entry: 'functions/tasks/render-einvoice.ts',
    kind: 'task',
    description: 'Render workflow: checks the e-invoice XML against the UBL 2.1 XSD',
    memoryMb: 1024,
    timeoutSeconds: 60,
    table: 'read',
    // Reads the XML from the job's scratch when it was too large for the state.
    bucket: 'read',
    startsMachines: [],
    bundling: {
      // store/einvoice/schema.ts: xmllint-wasm loads its wasm from its package folder; the XSD is
      // read from this folder.
      externalModules: ['xmllint-wasm'],
      nodeModules: ['xmllint-wasm'],
      folders: { 'einvoice-xsd': 'einvoice/artefacts/ubl-2.1' },
    },
  },
] as const satisfies readonly FunctionSpec[];

type Spec = (typeof functions)[number];
export type FunctionId = Spec['id'];
export type ApiFunctionSpec = Extract<Spec, { kind: 'api' }>;
export type ApiFunctionId = ApiFunctionSpec['id'];
export type EventFunctionId = Extract<Spec, { kind: 'event' }>['id'];

export interface StateMachineSpec {
  id: string;
  file: string;
  type: 'STANDARD' | 'EXPRESS';
  /** definitionSubstitutions key -> function id whose ARN it receives. */
  functions: Record<string, FunctionId>;
  /** Publish a version per deploy and start executions through an alias pointing at it. */
  alias?: boolean;
}

export const stateMachines = [
  {
    id: 'health',
    file: 'statemachines/health.asl.json',
    type: 'EXPRESS',
    functions: { ProbeStorageFunctionArn: 'probe-storage' },
  },
  {
    id: 'lead-conversion',
    file: 'statemachines/lead-conversion.asl.json',
    type: 'EXPRESS',
    functions: { ConversionTasksFunctionArn: 'conversion-tasks' },
  },
  {
    id: 'render-document',
    file: 'statemachines/render-document.asl.json',
    // Express, started synchronously: the API answers when the document is ready (decision 0011).
    type: 'EXPRESS',
    functions: {
      RenderStepsFunctionArn: 'render-steps',
      RenderPdfFunctionArn: 'render-pdf',
      RenderEInvoiceFunctionArn: 'render-einvoice',
    },
  },
  {
    id: 'render-preview',
    file: 'statemachines/render-preview.asl.json',
    type: 'EXPRESS',
    functions: { RenderPdfFunctionArn: 'render-pdf' },
  },
  {
    id: 'approval',
    file: 'statemachines/approval.asl.json',
    type: 'STANDARD',
    functions: {
      OpenStageFunctionArn: 'approval-open-stage',
      AwaitDecisionFunctionArn: 'approval-await-decision',
      DeadlineFunctionArn: 'approval-deadline',
      CloseStageFunctionArn: 'approval-close-stage',
      FinishFunctionArn: 'approval-finish',
    },
    // Started through a version alias: a deploy publishes a new version, running executions keep theirs.
    alias: true,
  },
] as const satisfies readonly StateMachineSpec[];

export const apiFunctions = functions.filter((f): f is ApiFunctionSpec => f.kind === 'api');
export const eventFunctionIds = functions.filter((f) => f.kind === 'event').map((f) => f.id as EventFunctionId);
export type ScheduledFunctionSpec = Extract<Spec, { kind: 'schedule' }>;
export const scheduledFunctions = functions.filter((f): f is ScheduledFunctionSpec => f.kind === 'schedule');
export const streamFunctionIds = functions.filter((f) => f.kind === 'stream').map((f) => f.id as StreamFunctionId);
export type StreamFunctionId = Extract<Spec, { kind: 'stream' }>['id'];
