import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalHandler } from '#infra/local/lambdas';
import { PortInUseError } from '#infra/local/ports';
import { answerClientError, gatewayProblem, MAX_HEAD_BYTES, type GatewayErrorCode } from '#infra/local/gateway-problem';
import { routeMatcher } from '#infra/local/route-matcher';

// API Gateway's own payload limit; the Lambdas apply the API's tighter JSON limit themselves.
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded|xml)|text\/)/i;

export interface LocalGateway {
  url: string;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Like API Gateway v2: lower-case names, repeated headers joined with commas (Node's `req.headers` keeps only the first of some, Authorization included). */
function joinedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (name === 'cookie') continue;
    headers[name] = name in headers ? `${headers[name]},${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
  }
  return headers;
}

function toEvent(
  req: IncomingMessage,
  body: Buffer,
  match: ReturnType<ReturnType<typeof routeMatcher>>,
): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://local');
  // API Gateway sets X-Forwarded-Proto (https there): absolute URLs the API returns (share links) use it.
  const headers: Record<string, string> = { ...joinedHeaders(req), 'x-forwarded-proto': 'http' };
  // Null prototype: `?__proto__=x` must arrive as a parameter (and be refused), as on API Gateway.
  const query: Record<string, string> = Object.create(null);
  for (const [k, v] of url.searchParams) query[k] = Object.hasOwn(query, k) ? `${query[k]},${v}` : v;
  // Bytes that are not UTF-8 cannot travel in a string: they go base64 as binary bodies do, so a
  // signature is checked over the bytes as sent and the Lambda refuses the encoding itself (400).
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json') && isUtf8(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: match.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: match.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function sendProblem(res: ServerResponse, code: GatewayErrorCode, detail: string): void {
  const { status, headers, body } = gatewayProblem(code, detail);
  res.writeHead(status, headers);
  res.end(body);
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body =
    result.body === undefined
      ? undefined
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : Buffer.from(result.body);
  res.writeHead(result.statusCode ?? 200, {
    ...result.headers,
    ...(result.cookies?.length ? { 'set-cookie': result.cookies } : {}),
  } as Record<string, string | string[]>);
  res.end(body);
}

/** Turns HTTP requests into HTTP API v2 events for the same Lambda handlers API Gateway calls. */
export async function startGateway(port: number, lambdas: Record<string, LocalHandler>): Promise<LocalGateway> {
  const match = routeMatcher();
  // maxHeaderSize: API Gateway's request line + headers quota, so an oversized request fails here as it would there.
  const server: Server = createServer({ maxHeaderSize: MAX_HEAD_BYTES }, async (req, res) => {
    try {
      const body = await readBody(req);
      if (body === 'too-large')
        return sendProblem(
          res,
          'PAYLOAD_TOO_LARGE',
          `Request bodies are limited to ${GATEWAY_MAX_BYTES} bytes by API Gateway.`,
        );
      const matched = match(req.method ?? 'GET', new URL(req.url ?? '/', 'http://local').pathname);
      const result = (await lambdas[matched.functionId](
        toEvent(req, body, matched),
      )) as APIGatewayProxyStructuredResultV2;
      send(res, result);
    } catch (e) {
      // API Gateway answers a failed integration with 500 too (there as {"message"}).
      console.error('local gateway: Lambda invocation failed', e);
      if (!res.headersSent)
        sendProblem(
          res,
          'INTERNAL',
          'The function behind this route failed. Quote the time of the request when reporting it.',
        );
    }
  });
  server.on('clientError', answerClientError);
  // Idle keep-alive sockets are closed by the client first (undici and browsers give up after 4-5 s;
  // API Gateway itself keeps them far longer): a server that closes at 5 s races a client reusing the
  // socket at 4 s on a loaded machine, and the client's request dies with "other side closed".
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, 'API') : e),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${actual}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
