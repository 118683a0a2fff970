import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLambdas } from '#infra/local/lambdas';
import { startGateway, type LocalGateway } from '#infra/local/gateway';
import { documentClient, resetDocumentClient } from '#store/dynamo/client';
import { newTenant, type TestTenant } from '../api-client';
import { injectDynamoFaults } from '../dynamo-faults';
import { expectStatus, request } from '#test/support/http-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';

// The records API served from this test's own process (same handlers, same DynamoDB Local as the
// shared runtime), so faults injected into its DynamoDB client hit exactly these requests.

let gateway: LocalGateway;
let faults: ReturnType<typeof injectDynamoFaults>;
let t: TestTenant;

const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request(gateway.url, method, path, { key: t.ownerKey, body, headers });

const transactions = () => faults.sent('TransactWriteItemsCommand');

beforeAll(async () => {
  useLocalRuntimeFromThisProcess({ CURSOR_SECRET: 'injected-conflicts-test-cursor-secret-0123456789' });
  faults = injectDynamoFaults(documentClient());
  gateway = await startGateway(0, await loadLambdas());
  t = await newTenant('Conflicted');
});

afterAll(async () => {
  await gateway?.stop();
  resetDocumentClient();
});

beforeEach(() => {
  faults.clear();
  faults.resetCounts();
});

async function company(name = 'Acme Ltd') {
  const res = await api('POST', '/v1/companies', { name });
  expectStatus(res, 201);
  faults.resetCounts();
  return res.body;
}

describe('transaction conflicts as AWS raises them', () => {
  it('retries a PATCH cancelled by transaction conflicts until it lands', async () => {
    const made = await company();
    faults.fail('TransactWriteItemsCommand', 'TransactionConflict', 'TransactionConflict', 'TransactionConflict');
    const res = await api('PATCH', `/v1/companies/${made.id}`, { industry: 'Tools' });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ industry: 'Tools', version: 2 });
    expect(transactions()).toBe(4);
  });

  it('retries a transaction conflict under If-Match too, then honours the version', async () => {
    const made = await company();
    faults.fail('TransactWriteItemsCommand', 'TransactionConflict');
    const res = await api('PATCH', `/v1/companies/${made.id}`, { industry: 'Tools' }, { 'if-match': '"1"' });
    expectStatus(res, 200);
    expect(res.body.version).toBe(2);
  });

  it('answers 412 at once when the version condition fails under If-Match', async () => {
    const made = await company();
    faults.fail('TransactWriteItemsCommand', 'ConditionalCheckFailed');
    const res = await api('PATCH', `/v1/companies/${made.id}`, { industry: 'Tools' }, { 'if-match': '"1"' });
    expectStatus(res, 412);
    expect(transactions()).toBe(1);
  });

  it('re-reads and re-applies after a version condition failure without If-Match', async () => {
    const made = await company();
    faults.fail('TransactWriteItemsCommand', 'ConditionalCheckFailed', 'ConditionalCheckFailed');
    const res = await api('PATCH', `/v1/companies/${made.id}`, { industry: 'Tools' });
    expectStatus(res, 200);
    expect(transactions()).toBe(3);
  });

  it('answers 503 with Retry-After, not 412, when conflicts never stop, and changes nothing', async () => {
    const made = await company();
    faults.failAlways('TransactWriteItemsCommand', 'TransactionConflict');
    const res = await api('PATCH', `/v1/companies/${made.id}`, { industry: 'Tools' });
    faults.clear();
    expectStatus(res, 503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('UNAVAILABLE');
    const after = await api('GET', `/v1/companies/${made.id}`);
    expect(after.body).toMatchObject({ version: 1 });
    expect(after.body.industry ?? null).toBeNull();
  });

  it('finishes a company delete whose mark and cascade meet transaction conflicts', async () => {
    const made = await company();
    const contact = await api('POST', '/v1/contacts', { lastName: 'Linked', companyId: made.id });
    expectStatus(contact, 201);
    faults.fail('UpdateItemCommand', 'TransactionConflict');
    faults.fail('TransactWriteItemsCommand', 'TransactionConflict', 'TransactionConflict');
    const res = await api('DELETE', `/v1/companies/${made.id}`);
    expectStatus(res, 204);
    expectStatus(await api('GET', `/v1/companies/${made.id}`), 404);
    const unlinked = await api('GET', `/v1/contacts/${contact.body.id}`);
    expect(unlinked.body.companyId ?? null).toBeNull();
  });
});

describe('idempotency when storing the answer fails', () => {
  it('keeps the committed answer, and a retry with the same key waits instead of writing twice', async () => {
    const key = { 'idempotency-key': `store-fails-${Date.now()}` };
    const name = `Once Only ${Date.now()}`;
    // The claim is a Put; storing the response is the next UpdateItem: make that one fail.
    faults.fail('UpdateItemCommand', 'ConditionalCheckFailed');
    const first = await api('POST', '/v1/companies', { name }, key);
    expectStatus(first, 201);
    const retry = await api('POST', '/v1/companies', { name }, key);
    // The claim stays locked (its answer was never stored): after waiting ~2 s for it, the retry is told to come back.
    expectStatus(retry, 409);
    expect(retry.body.code).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(retry.headers.get('retry-after')).toBe('1');
    const found = await api('GET', `/v1/companies?q=${encodeURIComponent(name.toLowerCase())}`);
    expectStatus(found, 200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });
});
