import { randomBytes } from 'node:crypto';
import { resetConfig } from '#config';
import { assertDocumented } from '#test/contract/checked-responses';
import { request, type ApiResponse, type RequestOptions } from '#test/support/http-client';
import { closeBrowser } from '#store/templates/chromium-pdf';
import { functions } from '#infra/catalog';
import { startGateway } from '#infra/local/gateway';
import { startLambdaEndpoint } from '#infra/local/lambda-endpoint';
import { loadLambdas } from '#infra/local/lambdas';
import { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';
import { startSfnEndpoint } from '#infra/local/sfn/sfn-endpoint';
import { registerStateMachines } from '#infra/local/state-machines';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';

export interface LimitedApi {
  call<T = any>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** The render limits every handler of this API reads from its next invocation on. */
  setLimits(limits: { maxBytes?: number; timeoutMs?: number }): void;
  stop(): Promise<void>;
}

/**
 * A second API in this test process, over the shared DynamoDB Local and s3rver, with its own
 * gateway and Step Functions runner: the same handler, workflow and task modules, configured with
 * render limits a test chooses (RENDER_MAX_BYTES, RENDER_TIMEOUT_MS). Tenants made through the
 * shared API work here too; uploads still settle through the shared runtime's S3 events.
 */
export async function startLimitedApi(): Promise<LimitedApi> {
  useLocalRuntimeFromThisProcess({ CURSOR_SECRET: randomBytes(32).toString('hex') });
  const lambdas = await loadLambdas();
  const sfn = new LocalStepFunctions({ functions: lambdas });
  const arns = registerStateMachines(sfn);
  const sfnEndpoint = await startSfnEndpoint(sfn, 0);
  const lambdaEndpoint = await startLambdaEndpoint(lambdas);
  Object.assign(process.env, {
    SFN_ENDPOINT: sfnEndpoint.url,
    LAMBDA_ENDPOINT: lambdaEndpoint.url,
    STATE_MACHINE_ARNS: JSON.stringify(arns),
    FUNCTION_ARNS: JSON.stringify(Object.fromEntries(functions.map((f) => [f.id, f.id]))),
  });
  resetConfig();
  const gateway = await startGateway(0, lambdas);
  return {
    async call(method, path, opts = {}) {
      const res = await request(gateway.url, method, path, opts);
      await assertDocumented({ method, path, status: res.status, headers: res.headers, body: res.body });
      return res;
    },
    setLimits({ maxBytes, timeoutMs }) {
      if (maxBytes !== undefined) process.env.RENDER_MAX_BYTES = String(maxBytes);
      else delete process.env.RENDER_MAX_BYTES;
      if (timeoutMs !== undefined) process.env.RENDER_TIMEOUT_MS = String(timeoutMs);
      else delete process.env.RENDER_TIMEOUT_MS;
      resetConfig();
    },
    async stop() {
      await gateway.stop();
      await sfn.close();
      await sfnEndpoint.close();
      await lambdaEndpoint.close();
      await closeBrowser();
    },
  };
}
