import { createServer } from 'node:net';

/** A port the OS says is free right now (for children that need a number up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use. Stop whatever holds it, or choose another with PORT=<number> npm start.`,
    );
    this.name = 'PortInUseError';
  }
}

/** Fails fast, before anything slow starts, when the chosen port is taken. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, what) : e),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
