import { createHmac, timingSafeEqual } from 'node:crypto';
import { secret } from '#config';
import { DomainError } from '#core/errors';

// A cursor is the DynamoDB position plus the query scope it belongs to, signed with HMAC:
// a forged, edited or other tenant's cursor fails verification instead of reading elsewhere.

type Position = Record<string, unknown>;

const sign = (payload: string): string =>
  createHmac('sha256', secret('CURSOR_SECRET')).update(payload).digest('base64url');

export function encodeCursor(position: Position | undefined, scope: string): string | null {
  if (!position) return null;
  const payload = Buffer.from(JSON.stringify({ s: scope, k: position })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

const badCursor = (): never => {
  throw new DomainError('BAD_CURSOR', 'The cursor is not valid for this query; start again without it.', [
    { path: 'cursor', message: 'Invalid cursor.' },
  ]);
};

export function decodeCursor(cursor: string | undefined, scope: string): Position | undefined {
  if (cursor === undefined) return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) return badCursor();
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return badCursor();
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: string; k: Position };
  return decoded.s === scope ? decoded.k : badCursor();
}
