import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';

type StartServer = typeof sesLocal;
// A CommonJS module with `exports.default`: Node's ESM loader hands over the whole exports object,
// vitest's the default itself.
const startSesServer: StartServer = (sesLocal as unknown as { default?: StartServer }).default ?? sesLocal;

export interface LocalSes {
  /** The SES v2 endpoint and, at `/`, the web page listing the sent mail (JSON at `/store`). */
  url: string;
  stop(): Promise<void>;
}

/** aws-ses-v2-local in this process: it serves the SES v2 API the production client calls and keeps what it receives. */
export async function startSes(port = 0): Promise<LocalSes> {
  const server: Server = await startSesServer({ host: '127.0.0.1', port });
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
