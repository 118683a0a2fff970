import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalHandler } from '#infra/local/lambdas';

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * Lambda's Invoke API for the functions that hand work to another one (`InvocationType: Event`):
 * answered 202 at once, the handler runs afterwards, as Lambda's async queue does. Only what
 * `@aws-sdk/client-lambda` sends for Invoke is served.
 */
export async function startLambdaEndpoint(
  lambdas: Record<string, LocalHandler>,
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const running = new Set<Promise<unknown>>();
  const server = createServer((request, response) => {
    void (async () => {
      const match = INVOKE.exec(request.url?.split('?')[0] ?? '');
      const name = match && decodeURIComponent(match[1]).split(':').pop()!;
      const handler = name && Object.hasOwn(lambdas, name) ? lambdas[name] : undefined;
      if (request.method !== 'POST' || !handler) {
        response.writeHead(404, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'ResourceNotFoundException',
        });
        response.end(JSON.stringify({ message: `Function not found: ${name ?? request.url}` }));
        return;
      }
      const payload = JSON.parse((await body(request)) || '{}') as unknown;
      if (request.headers['x-amz-invocation-type'] === 'Event') {
        response.writeHead(202).end();
        const run = handler(payload)
          .catch((error) => console.error(`${name} (async invoke) failed:`, error))
          .finally(() => running.delete(run));
        running.add(run);
        return;
      }
      const result = await handler(payload).catch((error: Error) => ({
        errorType: error.name,
        errorMessage: error.message,
      }));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null));
    })();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.allSettled([...running]);
    },
  };
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
