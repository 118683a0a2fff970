import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, storeUnavailability } from '#store/dynamo/unavailable';

// Shapes as the AWS SDK v3 and Node raise them (name, $metadata, code), without importing an SDK.
const aws = (name: string, httpStatusCode: number, extra: object = {}) =>
  Object.assign(new Error(name), {
    name,
    $metadata: { httpStatusCode },
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    ...extra,
  });
const sys = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('storeUnavailability', () => {
  it.each([
    ['DynamoDB throttling', aws('ThrottlingException', 400)],
    ['DynamoDB provisioned throughput', aws('ProvisionedThroughputExceededException', 400)],
    ['DynamoDB request limit', aws('RequestLimitExceeded', 400)],
    ['S3 SlowDown', aws('SlowDown', 503)],
    ['Step Functions throttling', aws('ThrottlingException', 400)],
    ['any 429', aws('SomethingNew', 429)],
    [
      'a transaction cancelled by throttled items',
      aws('TransactionCanceledException', 400, {
        CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
      }),
    ],
  ])('calls %s throttled', (_, error) => {
    expect(storeUnavailability(error)).toBe('throttled');
  });

  it.each([
    ['DynamoDB InternalServerError', aws('InternalServerError', 500)],
    ['S3 ServiceUnavailable', aws('ServiceUnavailable', 503)],
    ['S3 InternalError', aws('InternalError', 500)],
    ['an unknown 5xx', aws('Whatever', 502)],
    [
      'the SDK connection timeout',
      Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' }),
    ],
    ['a refused connection', sys('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8000')],
    ['a reset connection', sys('ECONNRESET', 'read ECONNRESET')],
    ['a socket hang-up', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a bare socket hang-up', new Error('socket hang up')],
    [
      'refused on every address (AggregateError)',
      Object.assign(new AggregateError([sys('ECONNREFUSED'), sys('ECONNREFUSED')], ''), { code: undefined }),
    ],
    ['a wrapped refused connection', new Error('fetch failed', { cause: sys('ECONNREFUSED') })],
  ])('calls %s unavailable', (_, error) => {
    expect(storeUnavailability(error)).toBe('unavailable');
  });

  it.each([
    ['a failed condition', aws('ConditionalCheckFailedException', 400)],
    [
      'a transaction cancelled by a condition',
      aws('TransactionCanceledException', 400, {
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'ThrottlingError' }],
      }),
    ],
    ['a validation error', aws('ValidationException', 400)],
    ['a missing table', aws('ResourceNotFoundException', 400)],
    ['access denied', aws('AccessDeniedException', 400)],
    ['an SDK marshalling error', new Error('Number 1e+16 is greater than Number.MAX_SAFE_INTEGER.')],
    ['a TypeError', new TypeError('x is undefined')],
    ['not an error at all', 'boom'],
    ['undefined', undefined],
  ])('leaves %s to the 500 path', (_, error) => {
    expect(storeUnavailability(error)).toBeUndefined();
  });

  it('stops on a cyclic cause chain', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    a.cause = a;
    expect(storeUnavailability(a)).toBeUndefined();
  });

  it('asks for a short wait on throttling and a longer one in an outage', () => {
    expect(retryAfterSeconds('throttled')).toBeLessThan(retryAfterSeconds('unavailable'));
  });
});
