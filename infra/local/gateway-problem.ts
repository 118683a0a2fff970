import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

// Answers the local gateway gives itself, before or instead of a Lambda. On AWS these come from
// API Gateway as `{"message": "..."}` and cannot be customised (README, "Errors from the gateway");
// locally they take the Lambdas' problem+json shape so a client needs one error parser.

export type GatewayErrorCode =
  'PAYLOAD_TOO_LARGE' | 'MALFORMED_REQUEST' | 'HEADERS_TOO_LARGE' | 'REQUEST_TIMEOUT' | 'INTERNAL';

const STATUS: Record<GatewayErrorCode, number> = {
  PAYLOAD_TOO_LARGE: 413,
  MALFORMED_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  INTERNAL: 500,
};

export function gatewayProblem(
  code: GatewayErrorCode,
  detail: string,
): { status: number; headers: Record<string, string>; body: string } {
  const status = STATUS[code];
  const body = JSON.stringify({
    type: `https://dossier.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    detail,
  });
  return {
    status,
    headers: {
      'content-type': 'application/problem+json',
      'x-content-type-options': 'nosniff',
      'x-request-id': randomUUID(),
      connection: 'close',
    },
    body,
  };
}

/** Node's HTTP parser refused the request (bad method, bad path, oversized head): answer on the raw socket. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const code = error.code ?? '';
  if (code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const problem =
    code === 'HPE_HEADER_OVERFLOW'
      ? gatewayProblem(
          'HEADERS_TOO_LARGE',
          `The request line and headers together exceed ${MAX_HEAD_BYTES} bytes, API Gateway's limit.`,
        )
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? gatewayProblem('REQUEST_TIMEOUT', 'The request was not received in time.')
        : gatewayProblem('MALFORMED_REQUEST', malformedDetail(code));
  const head = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
    ...Object.entries(problem.headers).map(([k, v]) => `${k}: ${v}`),
    `content-length: ${Buffer.byteLength(problem.body)}`,
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${problem.body}`);
}

function malformedDetail(parserCode: string): string {
  if (parserCode === 'HPE_INVALID_METHOD') return 'The HTTP method is not one this API knows.';
  if (parserCode === 'HPE_INVALID_URL' || parserCode === 'HPE_INVALID_CONSTANT')
    return 'The request target is not a valid path (spaces and control characters must be percent-encoded).';
  return 'The request is not valid HTTP/1.1.';
}

/** API Gateway's quota for the request line plus headers (HTTP APIs). */
export const MAX_HEAD_BYTES = 10_240;
