import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { idPattern } from '#core/ids';

// A tenant key names its tenant and key id so authentication is one keyed read, never a scan;
// the 256 random bits are what make it unguessable, so a fast hash is enough to store it.
const PREFIX = 'dsk';

export interface KeySecretParts {
  tenantId: string;
  keyId: string;
  secret: string;
}

export function mintKeySecret(tenantId: string, keyId: string): { secret: string; hash: string } {
  const secret = `${PREFIX}.${tenantId}.${keyId}.${randomBytes(32).toString('base64url')}`;
  return { secret, hash: sha256(secret) };
}

export function parseKeySecret(secret: string): KeySecretParts | undefined {
  const parts = secret.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX || !idPattern('ten').test(parts[1]) || !idPattern('key').test(parts[2]))
    return undefined;
  return { tenantId: parts[1], keyId: parts[2], secret };
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function hashesMatch(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const mintAdminKey = (): string => `dsa.${randomBytes(32).toString('base64url')}`;
