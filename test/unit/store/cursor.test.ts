import { beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '#config';
import { decodeCursor, encodeCursor } from '#store/dynamo/cursor';

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 't',
    BUCKET_NAME: 'b',
    ADMIN_KEY_SHA256: 'a'.repeat(64),
    CURSOR_SECRET: 'x'.repeat(40),
  });
  resetConfig();
});

describe('cursors', () => {
  it('round-trip a position within the same scope', () => {
    const cursor = encodeCursor({ pk: 'T#a', sk: 'META' }, 'ten_a:contacts')!;
    expect(decodeCursor(cursor, 'ten_a:contacts')).toEqual({ pk: 'T#a', sk: 'META' });
  });

  it('refuse another scope, an edited payload and garbage', () => {
    const cursor = encodeCursor({ pk: 'T#a' }, 'ten_a:contacts')!;
    expect(() => decodeCursor(cursor, 'ten_b:contacts')).toThrow(/cursor/);
    const [payload, sig] = cursor.split('.');
    const edited = Buffer.from(JSON.stringify({ s: 'ten_a:contacts', k: { pk: 'T#b' } })).toString('base64url');
    expect(() => decodeCursor(`${edited}.${sig}`, 'ten_a:contacts')).toThrow(/cursor/);
    expect(() => decodeCursor(`${payload}`, 'ten_a:contacts')).toThrow(/cursor/);
    expect(() => decodeCursor('!!!.???', 'ten_a:contacts')).toThrow(/cursor/);
  });

  it('is null at the end of a list', () => expect(encodeCursor(undefined, 's')).toBeNull());
});
