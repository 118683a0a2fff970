import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { lines, opted } from '../einvoice/helpers';

// The job a generation answers with (202, GET /v1/jobs/{id}) is what the OpenAPI document's Job
// says, and no more: the facts the job was started with are the workflow's input, pinned on the
// document's version once rendered (`generated`), not part of the job's answer.

describe('GET /v1/jobs/{id}', () => {
  it('shows the job as documented (api-client checks every answer against the OpenAPI document)', async () => {
    const s = await opted('Töö OÜ', { legalName: 'Töö OÜ' });
    const doc = expectStatus(await s.generate(await s.deal({ lineItems: lines(1) })), 201).body;
    const job = expectStatus(await call('GET', `/v1/jobs/${doc.generated.jobId}`, { key: s.key }), 200).body;
    expect(job).toMatchObject({ status: 'succeeded', documentId: doc.id });
    expect(job.facts).toBeUndefined();
  });
});
