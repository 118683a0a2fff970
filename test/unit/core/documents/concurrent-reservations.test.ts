import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { finaliseUpload } from '#core/documents/finalise-upload';
import { requestUpload } from '#core/documents/request-upload';
import { MIB } from '#core/quota/plans';
import { allows } from '#core/quota/reservation';
import { EMPTY_USAGE } from '#core/quota/usage';
import { callerOf, memoryWorld, TENANT, USERS } from './fakes/memory-documents';
import { sha256Base64 } from './fakes/sha';

/** Alice, an admin (a member may take only half of the room left), asks for 100 uploads of 1 MB at once. */
const hundredUploadsOfOneMib = (w: ReturnType<typeof memoryWorld>) => {
  const alice = callerOf('admin', USERS.alice);
  return Promise.allSettled(
    Array.from({ length: 100 }, (_, i) =>
      requestUpload(w.deps, alice, {
        fileName: `f${i}.bin`,
        contentType: 'application/octet-stream',
        size: MIB,
        sha256: sha256Base64(String(i)),
      }),
    ),
  );
};

// The failure to beat (Nextcloud/ownCloud): parallel uploads running past a quota.
describe('100 concurrent reservations for the last 10 MB of a free tenant', () => {
  it('never lets committed plus reserved pass the limit, and ends with usage equal to the stored objects', async () => {
    const w = memoryWorld();
    const limit = 200 * MIB;
    w.usage.set(TENANT, { ...EMPTY_USAGE, usedBytes: limit - 10 * MIB, committedPlusReserved: limit - 10 * MIB });
    const callers = [USERS.alice, USERS.bob, USERS.owner].map((u) =>
      callerOf(u === USERS.owner ? 'owner' : 'member', u),
    );
    // Sizes vary so that several combinations could fit: 100 KiB .. ~1.5 MiB.
    const sizes = Array.from({ length: 100 }, (_, i) => 100 * 1024 + ((i * 7919) % 1400) * 1024);
    const results = await Promise.all(
      sizes.map((size, i) =>
        requestUpload(w.deps, callers[i % 3], {
          fileName: `f${i}.bin`,
          contentType: 'application/octet-stream',
          size,
          sha256: sha256Base64(String(i)),
        }).then(
          (t) => ({ ok: true as const, t }),
          (e: DomainError) => ({ ok: false as const, code: e.code }),
        ),
      ),
    );
    const granted = results.flatMap((r) => (r.ok ? [r.t] : []));
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'QUOTA_EXCEEDED')).toBe(true);
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.length).toBeLessThan(100);
    expect(w.stats.maxCommittedPlusReserved).toBeLessThanOrEqual(limit);
    const reserved = granted.reduce((sum, t) => sum + t.size, 0);
    expect(w.usageOf(TENANT).reservedBytes).toBe(reserved);
    expect(reserved).toBeLessThanOrEqual(10 * MIB);

    // Every granted client uploads; a third send the wrong size and are rejected.
    await Promise.all(
      granted.map((t, i) => {
        w.put(t.objectKey, { size: i % 3 === 0 ? t.size + 1 : t.size });
        return finaliseUpload(w.deps, { key: t.objectKey });
      }),
    );
    const stored = [...w.objects.entries()].filter(([key]) => key.startsWith(`t/${TENANT}/d/`));
    const storedBytes = stored.reduce((sum, [, head]) => sum + head.size, 0);
    const usage = w.usageOf(TENANT);
    expect(usage.reservedBytes).toBe(0);
    expect(usage.usedBytes).toBe(limit - 10 * MIB + storedBytes);
    expect(usage.committedPlusReserved).toBe(usage.usedBytes);
    expect(stored.length).toBe(granted.filter((_, i) => i % 3 !== 0).length);
    expect(Object.values(usage.byUser).reduce((a, b) => a + b, 0)).toBe(storedBytes);
    expect(w.stats.maxCommittedPlusReserved).toBeLessThanOrEqual(limit);
  });

  it('fills the last 10 MB exactly with ten 1 MB files and refuses the other 90', async () => {
    const w = memoryWorld();
    w.usage.set(TENANT, { ...EMPTY_USAGE, usedBytes: 190 * MIB, committedPlusReserved: 190 * MIB });
    const results = await hundredUploadsOfOneMib(w);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(w.usageOf(TENANT).committedPlusReserved).toBe(200 * MIB);
    expect(w.stats.maxCommittedPlusReserved).toBe(200 * MIB);
  });

  it('would overshoot with a read-then-write store, so the race above really tests the condition', async () => {
    const w = memoryWorld();
    w.usage.set(TENANT, { ...EMPTY_USAGE, usedBytes: 190 * MIB, committedPlusReserved: 190 * MIB });
    const atomic = w.deps.documents.reserveUpload;
    // Checks the usage it read earlier, then writes: what a store without a condition expression does.
    w.deps.documents.reserveUpload = async (upload, rule, delta) => {
      const seen = await w.deps.usage.read(TENANT);
      if (!allows(rule, seen)) return { ok: false, reason: 'quota', usage: seen };
      return atomic(upload, { kind: 'unlimited' }, delta);
    };
    await hundredUploadsOfOneMib(w);
    expect(w.stats.maxCommittedPlusReserved).toBeGreaterThan(200 * MIB);
  });
});
