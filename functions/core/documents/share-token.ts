import { randomBytes } from 'node:crypto';
import { idPattern } from '#core/ids';
import { hashesMatch, sha256 } from '#core/tenancy/key-secret';

// A share token names its tenant and link like an API key names its tenant and key, so the
// public route does one keyed read; its 256 random bits make it unguessable, and only its hash is
// stored. The prefix differs from API keys' (`dsk`) so neither can be mistaken for the other.
const PREFIX = 'dsh';

export function mintShareToken(tenantId: string, linkId: string): { token: string; hash: string } {
  const token = `${PREFIX}.${tenantId}.${linkId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}

export function parseShareToken(token: string): { tenantId: string; linkId: string } | undefined {
  const parts = token.split('.');
  if (
    parts.length !== 4 ||
    parts[0] !== PREFIX ||
    !idPattern('ten').test(parts[1]) ||
    !idPattern('shl').test(parts[2]) ||
    !/^[A-Za-z0-9_-]{43}$/.test(parts[3])
  )
    return undefined;
  return { tenantId: parts[1], linkId: parts[2] };
}

export const tokenMatches = (token: string, storedHash: string): boolean => hashesMatch(token, storedHash);
