import { rmSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { sha256 } from '#core/tenancy/key-secret';
import { resetConfig } from '#config';
import {
  eventFunctionIds,
  functions,
  scheduledFunctions,
  streamFunctionIds,
  type StreamFunctionId,
  webhookFanOutFilter,
} from '#infra/catalog';
import { ensureDemoTenant, savedDemo, type DemoTenant } from '#infra/local/demo-tenant';
import { startDynamo, startDynamoOnFreePort } from '#infra/local/dynamodb';
import { ensureTable } from '#infra/local/ensure-table';
import { startGateway } from '#infra/local/gateway';
import { startLambdaEndpoint } from '#infra/local/lambda-endpoint';
import { loadLambdas } from '#infra/local/lambdas';
import { writeOpenApiDocument } from '#infra/openapi-document';
import { assertPortFree } from '#infra/local/ports';
import { S3Client } from '@aws-sdk/client-s3';
import { runPreviewLifecycle } from '#infra/local/preview-lifecycle';
import { startS3 } from '#infra/local/s3';
import { startS3Proxy } from '#infra/local/s3-proxy';
import { startSes } from '#infra/local/ses';
import { registerStateMachines } from '#infra/local/state-machines';
import { localSecrets } from '#infra/local/secrets';
import { supervise } from '#infra/local/supervise';
import { startStreamPoller } from '#infra/local/streams';
import { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';
import { startSfnEndpoint } from '#infra/local/sfn/sfn-endpoint';

export interface RuntimeOptions {
  port: number;
  /** Where local.json, the local secrets and (unless `memory`) all data live. */
  dataDir?: string;
  /** Keep tables and objects in memory / a temp folder removed on stop. */
  memory: boolean;
  adminKey?: string;
  /** Create the demo tenant (first start only) and write local.json. */
  demo: boolean;
  /** Ctrl-C during start-up: stop what already runs instead of leaving it behind. */
  signal?: AbortSignal;
  /** Milliseconds between runs of each scheduled function (the sweeper); AWS runs them every minute. */
  scheduleIntervalMs?: number;
  /** A dependency died and could not (or must not) be restarted; everything is already stopped. */
  onFatal?: (reason: string) => void;
  /**
   * Milliseconds after which a `.waitForTaskToken` state of this name times out, whatever its
   * TimeoutSeconds(Path) says: how tests run approval deadlines without waiting for them.
   */
  taskTimeoutOverrides?: Record<string, number>;
  /**
   * The table's stream and its consumers (the webhook fan-out), as on AWS; on unless set false. The
   * test suite's main runtime turns it off: none of its tests reads the stream, and with every write
   * of a 15-minute suite streamed and fanned out the suite ran 2.2 times slower. Tests of stream
   * consumers run on a runtime of their own with it on (vitest.config.ts, project `streams`).
   */
  streams?: boolean;
  /**
   * Which of the stream's consumers run, when not all (`DOSSIER_STREAM_CONSUMERS`, streamConsumersFrom):
   * on AWS each is a Lambda of its own with its own CPU; on this machine they share one process, so
   * a bench of webhook delivery alone runs without the search indexer.
   */
  streamConsumers?: readonly StreamFunctionId[];
}

/**
 * `DOSSIER_STREAM_CONSUMERS` (comma-separated stream function ids) as the runtime's option: undefined
 * (all) when unset; an unknown id is an error naming the known ones.
 */
export function streamConsumersFrom(value: string | undefined): StreamFunctionId[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ids = value.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !(streamFunctionIds as readonly string[]).includes(id));
  if (unknown.length)
    throw new Error(
      `DOSSIER_STREAM_CONSUMERS names ${unknown.join(', ')}; the stream's consumers are ${streamFunctionIds.join(', ')}.`,
    );
  return ids as StreamFunctionId[];
}

export interface LocalRuntime {
  apiUrl: string;
  adminKey: string;
  demo?: DemoTenant;
  endpoints: { dynamodb: string; s3: string; sfn: string; ses: string; lambda: string };
  /** The local SES service's page of sent mail (its API answers on the same URL). */
  mailUrl: string;
  tableName: string;
  bucketName: string;
  stop(): Promise<void>;
}

const TABLE = 'dossier';
/** Half of AWS's minute, so a local expiry is never noticed later than on AWS. */
const DEFAULT_SCHEDULE_MS = 30_000;

/** EventBridge Scheduler's part: each scheduled function on a timer, one run at a time. */
function runSchedules(lambdas: Awaited<ReturnType<typeof loadLambdas>>, everyMs: number): () => Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  const timers = scheduledFunctions.map((spec) =>
    setInterval(() => {
      if (running.has(spec.id)) return;
      const run = lambdas[spec.id]({})
        .catch((e) => console.error(`${spec.id} failed:`, e))
        .finally(() => running.delete(spec.id));
      running.set(spec.id, run);
    }, everyMs),
  );
  for (const t of timers) t.unref();
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running.values()]);
  };
}
const BUCKET = 'dossier-documents';
/** The search index's own bucket: LanceDB's files must not reach the upload finaliser. */
export const SEARCH_BUCKET = 'dossier-search';

/** s3rver's one account: the proxy verifies presigned URLs against it. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Everything the product needs, on this machine, wired exactly as on AWS except the endpoints. */
export async function startLocalRuntime(opts: RuntimeOptions): Promise<LocalRuntime> {
  const stops: Array<() => Promise<void>> = [];
  const started = <T>(value: T): T => {
    opts.signal?.throwIfAborted();
    return value;
  };
  // Once only, however many callers (a signal, a fatal exit, the start-up catch) ask for it.
  let stopped: Promise<void> | undefined;
  const stopAll = () =>
    (stopped ??= (async () => {
      for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
    })());
  try {
    const dataDir = opts.dataDir && resolve(opts.dataDir);
    const scratch = opts.memory || !dataDir ? mkdtempSync(join(tmpdir(), 'dossier-')) : undefined;
    const storageDir = scratch ? undefined : dataDir;
    if (scratch) stops.push(async () => rmSync(scratch, { recursive: true, force: true }));
    if (opts.port !== 0) await assertPortFree(opts.port, 'API');
    const secrets = localSecrets(dataDir, opts.adminKey);
    const fatal = (reason: string) =>
      void stopAll().finally(() => (opts.onFatal ?? ((r: string) => console.error(`[dossier] ${r}`)))(reason));
    // Java takes seconds to start: let it boot while the handlers load.
    const dynamoDir = storageDir && join(storageDir, 'dynamodb');
    const dynamoStarting = startDynamoOnFreePort(dynamoDir, opts.signal);
    dynamoStarting.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
    // Until it is supervised, stopping means stopping the first process (if it ever started).
    const dynamoSupervision: { stop?: () => Promise<void> } = {};
    stops.push(async () =>
      dynamoSupervision.stop ? dynamoSupervision.stop() : (await dynamoStarting.catch(() => undefined))?.stop(),
    );
    const lambdas = await loadLambdas();
    // What bundling puts beside the platform function on AWS, made while Java boots.
    const openApiFile = join(storageDir ?? scratch!, 'openapi.json');
    writeOpenApiDocument(openApiFile);
    const s3Options = {
      directory: join(storageDir ?? scratch!, 's3'),
      bucket: BUCKET,
      quietBuckets: [SEARCH_BUCKET],
      onObjectCreated: (e: S3Event) => Promise.all(eventFunctionIds.map((id) => lambdas[id](e))),
    };
    const s3 = await startS3(s3Options);
    // Objects live on disk even with --memory (a scratch folder), so s3rver can always come back.
    const s3Port = Number(new URL(s3.endpoint).port);
    stops.push(
      supervise(s3, {
        name: 's3rver',
        restartable: true,
        restart: () => startS3({ ...s3Options, port: s3Port }),
        onFatal: fatal,
      }).stop,
    );
    started(s3);
    // Every S3 client and presigned URL goes through the signature check, as on AWS (s3-proxy.ts).
    const s3Proxy = await startS3Proxy({ target: s3.endpoint, credentials: S3RVER_CREDENTIALS });
    stops.push(s3Proxy.stop);

    const sfn = new LocalStepFunctions({ functions: lambdas, taskTimeoutOverrides: opts.taskTimeoutOverrides });
    stops.push(async () => sfn.close());
    const arns = registerStateMachines(sfn);
    const sfnEndpoint = await startSfnEndpoint(sfn, 0);
    stops.push(sfnEndpoint.close);
    const lambdaEndpoint = await startLambdaEndpoint(lambdas);
    stops.push(lambdaEndpoint.close);
    const mail = started(await startSes());
    stops.push(mail.stop);
    const dynamo = await dynamoStarting;
    dynamoSupervision.stop = supervise(dynamo, {
      name: 'DynamoDB Local',
      restartable: dynamoDir !== undefined,
      restart: () => startDynamo(dynamo.port, dynamoDir),
      onFatal: fatal,
    }).stop;
    started(await ensureTable(dynamo.endpoint, TABLE, { stream: opts.streams !== false }));

    Object.assign(process.env, {
      // s3rver knows one account; DynamoDB Local and the local Step Functions accept any.
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      TABLE_NAME: TABLE,
      BUCKET_NAME: BUCKET,
      SEARCH_BUCKET_NAME: SEARCH_BUCKET,
      ADMIN_KEY_SHA256: sha256(secrets.adminKey),
      CURSOR_SECRET: secrets.cursorSecret,
      STATE_MACHINE_ARNS: JSON.stringify(arns),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3Proxy.endpoint,
      SFN_ENDPOINT: sfnEndpoint.url,
      LAMBDA_ENDPOINT: lambdaEndpoint.url,
      // Locally a function's name is its catalog id.
      FUNCTION_ARNS: JSON.stringify(Object.fromEntries(functions.map((f) => [f.id, f.id]))),
      SES_ENDPOINT: mail.url,
      MAIL_FROM_ADDRESS: process.env.MAIL_FROM_ADDRESS || 'no-reply@dossier.localhost',
      SES_CONFIGURATION_SET: 'dossier',
      OPENAPI_DOCUMENT_FILE: openApiFile,
      // Local receivers (tests, a developer's) listen on loopback over plain http.
      WEBHOOKS_ALLOW_LOOPBACK_HTTP: '1',
    });

    const gateway = await startGateway(opts.port, lambdas);
    stops.push(gateway.stop);
    // Emails link to the pages the gateway serves (the approver's page); known once it listens.
    process.env.PUBLIC_BASE_URL = gateway.url;
    resetConfig();
    started(gateway);
    stops.push(runSchedules(lambdas, opts.scheduleIntervalMs ?? DEFAULT_SCHEDULE_MS));
    // Lambda's event source mapping on the table's stream: the same fan-out handler, its checkpoint
    // in the data dir (a kept data dir resumes where it stopped; nothing committed is skipped).
    for (const id of opts.streams === false ? [] : (opts.streamConsumers ?? streamFunctionIds)) {
      const poller = startStreamPoller({
        endpoint: dynamo.endpoint,
        tableName: TABLE,
        checkpointFile: join(storageDir ?? scratch!, `${id}.stream-checkpoint.json`),
        filter: webhookFanOutFilter,
        handler: (event) => lambdas[id](event),
        onError: (e) => console.error(`${id} (stream) failed; the batch is read again:`, e),
      });
      stops.push(poller.stop);
    }
    // S3's lifecycle rule for previews, which s3rver lacks.
    const previewClient = new S3Client({
      endpoint: s3Proxy.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: S3RVER_CREDENTIALS,
    });
    stops.push(runPreviewLifecycle(previewClient, BUCKET));

    // Where each local AWS service listens (new ports on each start, but the API's): for tools and benches.
    const endpoints = {
      dynamodb: dynamo.endpoint,
      s3: s3Proxy.endpoint,
      sfn: sfnEndpoint.url,
      ses: mail.url,
      lambda: lambdaEndpoint.url,
    };
    const localJson = dataDir && join(dataDir, 'local.json');
    const demo = opts.demo ? await ensureDemoTenant(gateway.url, secrets.adminKey, savedDemo(localJson)) : undefined;
    if (localJson) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(
        localJson,
        JSON.stringify(
          { apiUrl: gateway.url, mailUrl: mail.url, adminKey: secrets.adminKey, demo, endpoints },
          null,
          2,
        ),
        {
          mode: 0o600,
        },
      );
    }
    return {
      apiUrl: gateway.url,
      adminKey: secrets.adminKey,
      demo,
      endpoints,
      mailUrl: mail.url,
      tableName: TABLE,
      bucketName: BUCKET,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
