import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { DomainError, type ErrorCode, type FieldError } from '#core/errors';
import type { ConversionOutcome, ConversionWorkflow } from '#core/conversion/ports';
import { DOMAIN_ERROR_CODES } from '#store/conversion/error-codes';
import { sfn, stateMachineArn } from '#store/aws/sfn';

interface Carried {
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const parse = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * A failed run back into the domain error a task threw. On AWS a Lambda error's Cause is Lambda's
 * `{errorType, errorMessage, trace}`; the local service passes the message itself. Anything that
 * is not a domain refusal stays a failure of ours.
 */
export function refusalOf(error: string | undefined, cause: string | undefined): Error {
  const outer = parse(cause) as { errorMessage?: string } | undefined;
  const carried = (outer?.errorMessage !== undefined ? parse(outer.errorMessage) : outer) as Carried | undefined;
  if (!error || !DOMAIN_ERROR_CODES.has(error) || typeof carried?.detail !== 'string')
    return new Error(`The lead-conversion workflow failed: ${error ?? 'unknown'}: ${cause ?? ''}`);
  return new DomainError(
    error as ErrorCode,
    carried.detail,
    carried.errors ?? [],
    carried.headers ?? {},
    carried.extensions,
  );
}

export const sfnConversionWorkflow: ConversionWorkflow = {
  async run(run) {
    const result = await sfn().send(
      new StartSyncExecutionCommand({
        stateMachineArn: stateMachineArn('lead-conversion'),
        name: run.conversionId,
        input: JSON.stringify(run),
      }),
    );
    if (result.status === 'SUCCEEDED') return JSON.parse(result.output ?? '{}') as ConversionOutcome;
    if (result.status === 'TIMED_OUT')
      throw new DomainError(
        'UNAVAILABLE',
        'The conversion took too long; retry it with the same Idempotency-Key.',
        [],
        {
          'retry-after': '1',
        },
      );
    throw refusalOf(result.error, result.cause);
  },
};
