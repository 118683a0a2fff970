import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { DomainError } from '#core/errors';
import type { RenderWorkflows } from '#core/templates/ports';
import type { RenderState } from '#core/templates/render-steps';
import { refusalOf } from '#store/conversion/workflow';
import { sfn, stateMachineArn } from '#store/aws/sfn';
import { previewLink } from '#store/templates/preview-objects';

// What a template can cause: its answer as the task refused it (with the part at fault). Anything
// else (the workflow or Chromium not starting) is an outage of ours: 503 with Retry-After.
const TEMPLATE_FAULTS = new Set(['VALIDATION', 'PAYLOAD_TOO_LARGE', 'TEMPLATE_TOO_EXPENSIVE']);

function previewFailure(error: string | undefined, cause: string | undefined): Error {
  const refusal = refusalOf(error, cause);
  if (refusal instanceof DomainError && TEMPLATE_FAULTS.has(refusal.code)) return refusal;
  return new DomainError('UNAVAILABLE', 'The preview could not be rendered just now; retry shortly.', [], {
    'retry-after': '5',
  });
}

export const sfnRenderWorkflows: RenderWorkflows = {
  async runGeneration(job, waitMs) {
    // Synchronous: the answer is the workflow's end, not a poll of the job. When the wait is over
    // the call is let go; the execution runs on to its end, which the job records (and should it be
    // cut off, the job sweeper settles the job at its deadline). Sent once: a retried start would
    // run the same job twice.
    const wait = AbortSignal.timeout(waitMs);
    try {
      const run = await sfn({ once: true }).send(
        new StartSyncExecutionCommand({
          stateMachineArn: stateMachineArn('render-document'),
          name: job.id,
          input: JSON.stringify({
            tenantId: job.tenantId,
            jobId: job.id,
            format: job.format,
            template: { id: job.templateId, version: job.templateVersion },
            // Fixed for the job: each step reads what they name beside the job instead of after it.
            record: job.record,
            by: job.by,
            ...(job.output ? { output: job.output } : {}),
          } satisfies RenderState),
        }),
        { abortSignal: wait },
      );
      // Register's state names the document it registered, the job's as it ended (Done follows it).
      const out = run.status === 'SUCCEEDED' ? (JSON.parse(run.output ?? '{}') as RenderState) : undefined;
      const documentId = out?.upload?.documentId;
      return documentId ? { status: 'succeeded', documentId } : { status: 'ended' };
    } catch (e) {
      if (wait.aborted) return { status: 'running' };
      throw e;
    }
  },
  async previewPdf(tenantId, doc, fileName) {
    const result = await sfn().send(
      new StartSyncExecutionCommand({
        stateMachineArn: stateMachineArn('render-preview'),
        input: JSON.stringify({ tenantId, doc }),
      }),
    );
    if (result.status !== 'SUCCEEDED') throw previewFailure(result.error, result.cause);
    const out = JSON.parse(result.output ?? '{}') as
      { pdf: string; pages: number } | { objectKey: string; pages: number; bytes: number };
    if ('objectKey' in out)
      return { ...(await previewLink(out.objectKey, fileName)), pages: out.pages, bytes: out.bytes };
    return { pdf: Buffer.from(out.pdf, 'base64'), pages: out.pages };
  },
};
