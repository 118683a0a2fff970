import { mkdirSync } from 'node:fs';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  /** Settles when the server closed, by itself or through stop(). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/** s3rver with the bucket configured; ObjectCreated events go to `onObjectCreated` like S3 notifications. */
export async function startS3(opts: {
  directory: string;
  bucket: string;
  /** More buckets, with no notifications (the search index's). */
  quietBuckets?: string[];
  port?: number;
  onObjectCreated: (event: S3Event) => Promise<unknown>;
}): Promise<LocalS3> {
  mkdirSync(opts.directory, { recursive: true });
  const server = new S3rver({
    port: opts.port ?? 0,
    address: '127.0.0.1',
    silent: true,
    allowMismatchedSignatures: true,
    directory: opts.directory,
    configureBuckets: [opts.bucket, ...(opts.quietBuckets ?? [])].map((name) => ({ name, configs: [] })),
  });
  const pending = new Set<Promise<unknown>>();
  // s3rver is a Koa app (an EventEmitter); its typings omit that.
  (server as unknown as NodeJS.EventEmitter).on('event', (event: S3Event) => {
    // Like an S3 notification, only the configured bucket's creations: other buckets (tests make their own) stay quiet.
    const created = {
      Records: event.Records.filter((r) => r.eventName.startsWith('ObjectCreated') && r.s3.bucket.name === opts.bucket),
    };
    if (!created.Records.length) return;
    // Like S3 → Lambda, delivery is asynchronous; a failing handler is logged, not fatal.
    const delivery = opts
      .onObjectCreated(created)
      .catch((e) => console.error('object-created handler failed:', e))
      .finally(() => pending.delete(delivery));
    pending.add(delivery);
  });
  const { port } = (await server.run()) as { port: number };
  const httpServer = (server as unknown as { httpServer: NodeJS.EventEmitter & { keepAliveTimeout: number } })
    .httpServer;
  // As the gateway's (gateway.ts): an idle kept-alive socket is closed by the client first, never
  // by s3rver at 5 s while the S3 proxy's agent is reusing it (a download then died as "socket hang up").
  httpServer.keepAliveTimeout = 65_000;
  const exited = new Promise<string>((resolve) => httpServer.once('close', () => resolve('its server closed')));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exited,
    stop: async () => {
      await Promise.allSettled([...pending]);
      await server.close().catch(() => undefined); // already closed when it is the one that failed
    },
  };
}
