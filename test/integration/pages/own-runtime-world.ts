import { createHash } from 'node:crypto';
import { eventually } from '#test/support/eventually';
import { expectStatus, request } from '#test/support/http-client';
import { PDF } from './approver-world';

// An emailed approver's token on a runtime a test file started for itself (its own limits, its own
// page timings), set up through the HTTP API as a client would.

export async function tokenOn(apiUrl: string, adminKey: string, sesUrl: string): Promise<string> {
  const api = (method: string, path: string, key: string, body?: unknown) =>
    request(apiUrl, method, path, { key, ...(body !== undefined && { body }) });
  const tenant = expectStatus(
    await api('POST', '/v1/admin/tenants', adminKey, { name: 'Timing OÜ', plan: 'standard', seats: 5 }),
    201,
  ).body;
  const owner = tenant.apiKey.secret as string;
  const email = `ada-${Math.random().toString(36).slice(2, 10)}@client.example`;
  const userId = `usr-timing-${Math.random().toString(36).slice(2, 8)}`;
  expectStatus(
    await api('POST', '/v1/api-keys', owner, {
      name: 'approver',
      role: 'member',
      userId,
      user: { name: 'Ada', email },
    }),
    201,
  );
  const route = expectStatus(
    await api('POST', '/v1/approval-routes', owner, {
      name: 'Contracts',
      stages: [{ name: 'Legal', mode: 'all', approvers: [{ userId }] }],
    }),
    201,
  ).body;
  const ticket = expectStatus(
    await api('POST', '/v1/uploads', owner, {
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('base64'),
    }),
    201,
  ).body;
  const { 'content-length': _length, ...headers } = ticket.headers as Record<string, string>;
  await fetch(ticket.url, { method: 'PUT', headers, body: PDF });
  await eventually(async () => {
    const upload = (await api('GET', `/v1/uploads/${ticket.uploadId}`, owner)).body;
    return upload.status === 'completed' ? upload : undefined;
  });
  expectStatus(await api('POST', `/v1/documents/${ticket.documentId}/approvals`, owner, { routeId: route.id }), 201);
  return eventually(async () => {
    const { emails } = (await (await fetch(`${sesUrl}/store`)).json()) as {
      emails: Array<{ destination: { to: string[] }; body: { html?: string } }>;
    };
    const mail = emails.find((m) => m.destination.to.some((t) => t.includes(email)));
    return mail && /\/a\/(dal_[A-Za-z0-9_-]+)"/.exec(mail.body.html ?? '')?.[1];
  });
}
