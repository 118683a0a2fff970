import * as z from 'zod';

/** 15 minutes: past the render workflow's 10-minute TimeoutSeconds and a last step's Lambda timeout. */
export const RENDER_JOB_DEADLINE_DEFAULT_MS = 15 * 60 * 1000;

// Parsed once at cold start: a misconfigured function fails on its first invocation, loudly.
const Env = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** SHA-256 (hex) of the platform admin key. Only API functions get it. */
  ADMIN_KEY_SHA256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256')
    .optional(),
  /** HMAC key that makes pagination cursors tamper-evident. Only API functions get it. */
  CURSOR_SECRET: z.string().min(32).optional(),
  STATE_MACHINE_ARNS: z
    .string()
    .default('{}')
    .transform((s) => z.record(z.string(), z.string()).parse(JSON.parse(s))),
  /** Largest generated document (bytes): reserved against the quota before rendering, enforced after. */
  RENDER_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Longest the Handlebars stage (HTML, all parts) may take; Chromium has its own RENDER_TIMEOUT_MS. */
  RENDER_HTML_MS: z.coerce.number().int().positive().default(2_000),
  /** Longest a Chromium render may take. */
  RENDER_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /**
   * How long after its start a render job still running is settled by the job sweeper. It must
   * outlast the render workflow (its TimeoutSeconds, plus a step's Lambda that may still run):
   * the sweeper takes a job's end from what is stored, not from the workflow.
   */
  RENDER_JOB_DEADLINE_MS: z.coerce.number().int().positive().default(RENDER_JOB_DEADLINE_DEFAULT_MS),
  /**
   * Fault injection, never set in production: milliseconds a render task waits at a named point
   * (`before:<step>`, `register:named`), so a test can kill the process there, e.g.
   * `{"before:register": 600000}`.
   */
  RENDER_PAUSES: z
    .string()
    .default('{}')
    .transform((s) => z.record(z.string(), z.number().int().nonnegative()).parse(JSON.parse(s))),
  /** Function ARNs (or names) by catalog id, for the functions this one invokes asynchronously. */
  FUNCTION_ARNS: z
    .string()
    .default('{}')
    .transform((s) => z.record(z.string(), z.string()).parse(JSON.parse(s))),
  /** Base URL of the API serving form intake (on AWS its own HTTP API, outside API-wide CORS); else the answering host. */
  INTAKE_BASE_URL: z.url().optional(),
  /**
   * Where people outside the API open its pages (the approver's page `/a/{token}`): emails sent by
   * task and event functions need absolute URLs. On AWS a stack parameter, by default the HTTP API's
   * endpoint; locally the gateway's URL.
   */
  PUBLIC_BASE_URL: z.url().optional(),
  /** The prebuilt OpenAPI document the platform function serves; unset: openapi.json beside its bundle. */
  OPENAPI_DOCUMENT_FILE: z.string().min(1).optional(),
  /** Wrong tokens one IP may try on the pages (`/a/…`) per minute before it gets 429 pages (tests raise it: they all come from 127.0.0.1). */
  PAGES_RATE_PER_IP: z.coerce.number().int().positive().default(100),
  /** Requests one page token may make per minute (page, file, form posts). */
  PAGES_RATE_PER_TOKEN: z.coerce.number().int().positive().default(120),
  /**
   * `1` lets webhook subscriptions use `http://` loopback receivers (127.0.0.1, localhost, [::1]):
   * set by the local runtime only, so that tests and `npm start` can receive; never on AWS.
   */
  WEBHOOKS_ALLOW_LOOPBACK_HTTP: z.enum(['0', '1']).default('0'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  LAMBDA_ENDPOINT: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
  /** The search index's bucket (no event notifications): one LanceDB database per tenant under `t/<tenant>`. */
  SEARCH_BUCKET_NAME: z.string().min(1).optional(),
  /** LanceDB's commit table (`s3+ddb://`): concurrent writers of one tenant's index never lose a commit. */
  SEARCH_COMMIT_TABLE: z.string().min(1).optional(),
  /** Where presigned downloads are served (CloudFront adding nosniff); unset: S3_ENDPOINT / S3 itself. */
  DOWNLOAD_BASE_URL: z.url().optional(),
  SFN_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  /** The platform's verified sender (`no-reply@<domain>`); only functions that send mail get it. */
  MAIL_FROM_ADDRESS: z.email().optional(),
  /** The SES configuration set whose events (delivery, bounce, complaint) reach EventBridge. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
});

export type Config = z.infer<typeof Env>;

let cached: Config | undefined;

export function config(): Config {
  if (!cached) {
    const parsed = Env.safeParse(process.env);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid configuration: ${detail}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** A secret only some functions are given: missing where it is needed is a deployment error. */
export function secret(name: 'ADMIN_KEY_SHA256' | 'CURSOR_SECRET' | 'MAIL_FROM_ADDRESS' | 'PUBLIC_BASE_URL'): string {
  const value = config()[name];
  if (!value) throw new Error(`Invalid configuration: ${name} is not set for this function`);
  return value;
}

/** Tests and the local runtime change the environment between runs. */
export function resetConfig(): void {
  cached = undefined;
}
