import { Agent, createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isListV2, listV1Path, listV2Body } from '#infra/local/s3-list-v2';
import { errorXml, isPresigned, verifyPresigned, type Credentials } from '#infra/local/s3-signatures';

// In front of s3rver, which checks no signature: every presigned URL the product hands out is
// checked here as S3 checks it (s3-signatures.ts), so a presigning regression fails a test locally
// instead of on AWS. Header-signed requests (the handlers' own SDK calls) pass; a request signed
// neither way is refused, as by a private bucket. Bodies stream through untouched, but for a PUT
// declaring x-amz-checksum-sha256, checked first as S3 checks it. Presigned GETs
// (downloads) get the headers CloudFront's response headers policy adds on AWS
// (infra/constructs/downloads.ts): S3 itself cannot send nosniff.

const DOWNLOAD_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface S3Proxy {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3Proxy(opts: {
  /** s3rver's endpoint. */
  target: string;
  credentials: Credentials;
}): Promise<S3Proxy> {
  const target = new URL(opts.target);
  // Connections to s3rver are reused: the proxy adds a hop, not a TCP handshake per request.
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => void handle(req, res));
  // Clients (undici, browsers) close idle sockets after 4-5 s: a server closing at 5 s races their reuse (gateway.ts).
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const presigned = isPresigned(url);
    const download = presigned && (req.method === 'GET' || req.method === 'HEAD');
    if (presigned) {
      const verdict = await verifyPresigned(
        { method: req.method ?? 'GET', url, headers: req.headers },
        opts.credentials,
      );
      if (!verdict.ok) return deny(req, res, verdict.code, verdict.message);
    } else if (!req.headers.authorization) {
      return deny(req, res, 'AccessDenied', 'Access Denied');
    }
    // S3 checks the bytes against a declared x-amz-checksum-sha256 before it stores them (400
    // BadDigest); s3rver keeps none. The body is read first, so bytes that fail never land.
    const declared = req.method === 'PUT' ? req.headers['x-amz-checksum-sha256'] : undefined;
    const body = typeof declared === 'string' ? await readAll(req) : undefined;
    if (body && createHash('sha256').update(body).digest('base64') !== declared)
      return refuse(res, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    // A ListObjectsV2 goes to s3rver as version 1 and comes back as version 2 (s3-list-v2.ts says why).
    const listing = isListV2(req.method, url);
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: listing ? listV1Path(url) : url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        if (listing && answer.statusCode === 200) return void answerListV2(answer, res, url);
        res.writeHead(answer.statusCode ?? 502, download ? { ...answer.headers, ...DOWNLOAD_HEADERS } : answer.headers);
        answer.pipe(res);
      },
    );
    // s3rver away (restarting): the client sees what it would see of S3 unreachable, a dropped connection.
    upstream.on('error', () => res.destroy());
    if (body) upstream.end(body);
    else req.pipe(upstream);
  }

  async function answerListV2(answer: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const body = Buffer.from(listV2Body((await readAll(answer)).toString('utf8'), url), 'utf8');
    const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = answer.headers;
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** S3's refusal: 403 with its XML error; the request body is drained, not forwarded. */
function deny(req: IncomingMessage, res: ServerResponse, code: string, message: string): void {
  req.resume();
  refuse(res, 403, code, message, req.method === 'HEAD');
}

function refuse(res: ServerResponse, status: number, code: string, message: string, head = false): void {
  const body = errorXml(code, message);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

/** A local upload's body, whole (development sizes: at most the plan's quota). */
async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
