import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoOnFreePort } from '#infra/local/dynamodb';
import { freePort } from '#infra/local/ports';

// A port picked free can be taken before Java binds it, seconds later (a parallel test file's
// runtime picked the same one): CI once failed on "Failed to bind … Address already in use". The
// start tries another port instead of failing.

const held: Server[] = [];
afterAll(() => Promise.all(held.map((s) => new Promise((r) => s.close(r)))));

/** A port some other process took between the pick and the bind. */
async function takenPort(): Promise<number> {
  // It hangs up on whoever connects (the start polls its endpoint while Java boots).
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
  held.push(server);
  return (server.address() as { port: number }).port;
}

describe('DynamoDB Local on a free port', () => {
  it('starts on another port when the one it picked was taken before Java could bind it', async () => {
    const taken = await takenPort();
    const picks = [taken];
    const dynamo = await startDynamoOnFreePort(undefined, undefined, async () => picks.shift() ?? freePort());
    try {
      expect(dynamo.port).not.toBe(taken);
      expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
      expect((await fetch(dynamo.endpoint)).status).toBeLessThan(500);
    } finally {
      await dynamo.stop();
    }
  }, 90_000);
});
