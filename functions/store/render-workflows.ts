import { StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { DomainError } from '#core/errors';
import type { RenderWorkflows } from '#core/templates/ports';
import { sfn, stateMachineArn } from '#store/sfn';

export const sfnRenderWorkflows: RenderWorkflows = {
  async startGeneration(job) {
    // Named after the job: a retried start cannot run the same generation twice.
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn('render-document'),
        name: job.id,
        input: JSON.stringify({ tenantId: job.tenantId, jobId: job.id, format: job.format }),
      }),
    );
  },
  async previewPdf(doc) {
    const result = await sfn().send(
      new StartSyncExecutionCommand({
        stateMachineArn: stateMachineArn('render-preview'),
        input: JSON.stringify({ doc }),
      }),
    );
    if (result.status !== 'SUCCEEDED') {
      let message = result.cause ?? '';
      try {
        message = JSON.parse(message).errorMessage ?? message;
      } catch {
        /* plain text */
      }
      const code = result.error === 'PAYLOAD_TOO_LARGE' || result.error === 'VALIDATION' ? result.error : 'UNAVAILABLE';
      throw new DomainError(code, message || 'The preview could not be rendered.');
    }
    const out = JSON.parse(result.output ?? '{}') as { pdf: string; pages: number };
    return { pdf: Buffer.from(out.pdf, 'base64'), pages: out.pages };
  },
};
