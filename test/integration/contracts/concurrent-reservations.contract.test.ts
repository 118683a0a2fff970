// The failure to beat (Nextcloud/ownCloud): parallel uploads running past a quota. The reservation's
// condition is the documents port's contract, so the race runs against the fake and DynamoDB alike.
import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { finaliseUpload } from '#core/documents/finalise-upload';
import { requestUpload } from '#core/documents/request-upload';
import { MIB } from '#core/quota/plans';
import { allows } from '#core/quota/reservation';
import { EMPTY_USAGE } from '#core/quota/usage';
import type { Role } from '#core/tenancy/caller';
import { USERS } from '../../unit/core/documents/fakes/memory-documents';
import { caller, freshTenant, sha256Base64 } from '../documents-store/world';
import { documentSubjects, type DocumentsSubject } from './documents-subjects';

const LIMIT = 200 * MIB;

/**
 * Runs the calls with at most IN_FLIGHT of them at a time, results in order. Twenty concurrent
 * conditional writes race as hard as a hundred (the read-then-write test below overshoots with
 * them), while a hundred connects at once to DynamoDB Local on a loaded machine miss the clients'
 * 1 s connect timeout (functions/store/aws/client-options.ts).
 */
const IN_FLIGHT = 20;
async function racing<T>(calls: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < calls.length) {
      const i = next++;
      results[i] = await calls[i]();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return results;
}

/**
 * The highest committedPlusReserved read while `race` runs: what any reader could have seen. A peak
 * between two samples goes unseen, so where the subject records the exact peak it is checked too.
 */
async function watching<T>(s: DocumentsSubject, tenantId: string, race: () => Promise<T>) {
  let racing = true;
  let maxSeen = 0;
  const watcher = (async () => {
    // A read lost to the machine's load only skips a sample; it must not fail the race it watches.
    while (racing) {
      const seen = await s.deps.usage.read(tenantId).catch(() => undefined);
      if (seen) maxSeen = Math.max(maxSeen, seen.committedPlusReserved);
    }
  })();
  const result = await race().finally(() => (racing = false));
  await watcher;
  return { result, maxSeen };
}

/** An admin (a member may take only half of the room left) asks for 100 uploads of 1 MB, racing. */
const hundredUploadsOfOneMib = (s: DocumentsSubject, tenantId: string) => {
  const admin = caller(tenantId, { role: 'admin', userId: USERS.alice });
  return racing(
    Array.from(
      { length: 100 },
      (_, i) => () =>
        requestUpload(s.deps, admin, {
          fileName: `f${i}.bin`,
          contentType: 'application/octet-stream',
          size: MIB,
          sha256: sha256Base64(String(i)),
        }).then(
          () => 'granted' as const,
          (e: DomainError) => e.code,
        ),
    ),
  );
};

describe.each(documentSubjects())('100 racing reservations for the last 10 MB of a free tenant (%s)', (_n, subject) => {
  it('never lets committed plus reserved pass the limit, and ends with usage equal to the stored objects', async () => {
    const s = subject();
    const tenantId = freshTenant();
    await s.setUsage(tenantId, {
      ...EMPTY_USAGE,
      usedBytes: LIMIT - 10 * MIB,
      committedPlusReserved: LIMIT - 10 * MIB,
    });
    const roles: Array<[Role, string]> = [
      ['member', USERS.alice],
      ['member', USERS.bob],
      ['owner', USERS.owner],
    ];
    const callers = roles.map(([role, userId]) => caller(tenantId, { role, userId }));
    // Sizes vary so that several combinations could fit: 100 KiB .. ~1.5 MiB.
    const sizes = Array.from({ length: 100 }, (_, i) => 100 * 1024 + ((i * 7919) % 1400) * 1024);
    const { result: results, maxSeen } = await watching(s, tenantId, () =>
      racing(
        sizes.map(
          (size, i) => () =>
            requestUpload(s.deps, callers[i % 3], {
              fileName: `f${i}.bin`,
              contentType: 'application/octet-stream',
              size,
              sha256: sha256Base64(Buffer.alloc(size)),
            }).then(
              (t) => ({ ok: true as const, t }),
              (e: DomainError) => ({ ok: false as const, code: e.code }),
            ),
        ),
      ),
    );
    const granted = results.flatMap((r) => (r.ok ? [r.t] : []));
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'QUOTA_EXCEEDED')).toBe(true);
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.length).toBeLessThan(100);
    expect(maxSeen).toBeLessThanOrEqual(LIMIT);
    if (s.peakCommittedPlusReserved) expect(s.peakCommittedPlusReserved()).toBeLessThanOrEqual(LIMIT);
    const reserved = granted.reduce((sum, t) => sum + t.size, 0);
    expect((await s.deps.usage.read(tenantId)).reservedBytes).toBe(reserved);
    expect(reserved).toBeLessThanOrEqual(10 * MIB);

    // Every granted client uploads; a third send the wrong size and are rejected.
    for (const [i, t] of granted.entries())
      await s.putObject(t.objectKey, Buffer.alloc(i % 3 === 0 ? t.size + 1 : t.size));
    await Promise.all(granted.map((t) => finaliseUpload(s.deps, { key: t.objectKey })));
    const stored = await s.storedObjects(tenantId);
    const storedBytes = stored.reduce((sum, size) => sum + size, 0);
    const usage = await s.deps.usage.read(tenantId);
    expect(usage.reservedBytes).toBe(0);
    expect(usage.usedBytes).toBe(LIMIT - 10 * MIB + storedBytes);
    expect(usage.committedPlusReserved).toBe(usage.usedBytes);
    expect(stored.length).toBe(granted.filter((_, i) => i % 3 !== 0).length);
    expect(Object.values(usage.byUser).reduce((a, b) => a + b, 0)).toBe(storedBytes);
    if (s.peakCommittedPlusReserved) expect(s.peakCommittedPlusReserved()).toBeLessThanOrEqual(LIMIT);
  });

  it('fills the last 10 MB exactly with ten 1 MB files and refuses the other 90', async () => {
    const s = subject();
    const tenantId = freshTenant();
    await s.setUsage(tenantId, { ...EMPTY_USAGE, usedBytes: 190 * MIB, committedPlusReserved: 190 * MIB });
    const { result: results, maxSeen } = await watching(s, tenantId, () => hundredUploadsOfOneMib(s, tenantId));
    expect(results.filter((r) => r === 'granted')).toHaveLength(10);
    expect(results.filter((r) => r === 'QUOTA_EXCEEDED')).toHaveLength(90);
    expect((await s.deps.usage.read(tenantId)).committedPlusReserved).toBe(LIMIT);
    expect(maxSeen).toBeLessThanOrEqual(LIMIT);
    if (s.peakCommittedPlusReserved) expect(s.peakCommittedPlusReserved()).toBe(LIMIT);
  });

  it('would overshoot with a read-then-write store, so the race above really tests the condition', async () => {
    const s = subject();
    const tenantId = freshTenant();
    await s.setUsage(tenantId, { ...EMPTY_USAGE, usedBytes: 190 * MIB, committedPlusReserved: 190 * MIB });
    const atomic = s.deps.documents;
    // Checks the usage it read earlier, then writes: what a store without a condition expression does.
    s.deps.documents = {
      ...atomic,
      async reserveUpload(upload, rule, delta) {
        const seen = await s.deps.usage.read(tenantId);
        if (!allows(rule, seen)) return { ok: false, reason: 'quota', usage: seen };
        return atomic.reserveUpload(upload, { kind: 'unlimited' }, delta);
      },
    };
    await hundredUploadsOfOneMib(s, tenantId);
    expect((await s.deps.usage.read(tenantId)).committedPlusReserved).toBeGreaterThan(LIMIT);
  });
});
