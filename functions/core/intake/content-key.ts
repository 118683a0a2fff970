import { createHash } from 'node:crypto';
import type { RecordInput } from '#core/records/compose';

/** Equal leads give equal keys, however the sender ordered or spaced the fields. */
export function contentKey(input: RecordInput): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}
