import { connect } from 'node:net';
import { describe, expect, it, inject } from 'vitest';
import { adminKey, call, newTenant } from './api-client';
import { expectStatus } from '#test/support/http-client';

/** Sends bytes as they are (fetch would refuse or fix most of these requests). */
function rawRequest(head: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(inject('apiUrl'));
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let data = '';
    socket.on('data', (d) => {
      data += String(d);
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [headers, ...rest] = data.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]),
        headers: headers.toLowerCase(),
        body: rest.join('\r\n\r\n'),
      });
    });
  });
}

function expectProblem(res: { status: number; headers: string; body: string }, status: number): void {
  expect(res.status, res.headers + res.body).toBe(status);
  expect(res.headers).toContain('content-type: application/problem+json');
  expect(JSON.parse(res.body)).toMatchObject({
    status,
    type: expect.stringContaining('https://dossier.dev/problems/'),
    detail: expect.any(String),
  });
}

describe('errors the gateway answers itself, as problem+json', () => {
  it('refuses a body over 10 MB with 413', async () => {
    const res = await call('POST', '/v1/admin/tenants', {
      key: adminKey(),
      rawBody: 'x'.repeat(10 * 1024 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    });
    expectStatus(res, 413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a path with a space or a NUL byte with 400', async () => {
    expectProblem(await rawRequest('GET /v1/leads/a b HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
    expectProblem(await rawRequest('GET /v1/leads/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
  });

  it('refuses a method HTTP parsing does not know with 400', async () => {
    expectProblem(await rawRequest('FROB /health HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
  });

  it('refuses a 60 KB query and huge headers with 431', async () => {
    expectProblem(await rawRequest(`GET /v1/leads?q=${'a'.repeat(60 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431);
    expectProblem(await rawRequest(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\n\r\n`), 431);
  });

  it('answers a method the route table lacks with a 405 problem from the function', async () => {
    const res = await call('PUT', '/health');
    expectStatus(res, 405);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('response headers', () => {
  it('marks authenticated answers no-store and every answer nosniff', async () => {
    const t = await newTenant('Headers Ltd');
    for (const res of [
      await call('GET', '/v1/tenant', { key: t.ownerKey }),
      await call('GET', '/v1/tenant', { key: 'dsk.nope' }),
      await call('GET', '/v1/admin/tenants', { key: adminKey() }),
    ]) {
      expect(res.headers.get('cache-control'), JSON.stringify(res.body)).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await call('GET', '/v1/openapi.json')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses two Authorization headers with 400, whichever comes first', async () => {
    const t = await newTenant('Two Keys Ltd');
    for (const [first, second] of [
      [t.ownerKey, adminKey()],
      [t.ownerKey, t.ownerKey],
    ]) {
      // Raw bytes: fetch would merge the two headers before sending.
      const res = await rawRequest(
        `GET /v1/tenant HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${first}\r\nauthorization: Bearer ${second}\r\nConnection: close\r\n\r\n`,
      );
      expect(res.status, res.body).toBe(400);
      expect(res.headers).toContain('content-type: application/problem+json');
      expect(res.headers).toContain('cache-control: no-store');
    }
  });
});
