import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';
import { SfnError } from '#infra/local/sfn/sfn-error';
import { operations } from '#infra/local/sfn/sfn-operations';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * Serves the AWS JSON 1.0 protocol on 127.0.0.1 so the production `@aws-sdk/client-sfn` code runs
 * unchanged. The client needs `disableHostPrefix: true`, or StartSyncExecution goes to `sync-127.0.0.1`.
 */
export async function startSfnEndpoint(
  sfn: LocalStepFunctions,
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    handle(sfn, request).then(
      (body) => send(response, 200, body),
      (error: unknown) => sendError(response, error),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SDK clients keep connections alive; without this close would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function handle(sfn: LocalStepFunctions, request: IncomingMessage): Promise<unknown> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (request.method !== 'POST' || !operation) {
    throw new SfnError(
      'UnknownOperationException',
      `Unknown operation: ${request.method} ${target || '(no X-Amz-Target)'}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(request)) || '{}');
  } catch {
    throw new SfnError('SerializationException', 'Request body is not valid JSON');
  }
  const parsed = operation.input.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new SfnError('ValidationException', issues.join('; '));
  }
  return toWire(await operation.call(sfn, parsed.data));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** AWS JSON protocols carry timestamps as epoch seconds. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWire(item)]));
  return value;
}

function sendError(response: ServerResponse, error: unknown): void {
  if (error instanceof SfnError) return send(response, 400, { __type: error.name, message: error.message });
  send(response, 500, { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}
