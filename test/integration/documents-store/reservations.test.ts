import { describe, expect, it } from 'vitest';
import type { DomainError } from '#core/errors';
import { finaliseUpload } from '#core/documents/finalise-upload';
import { requestUpload } from '#core/documents/request-upload';
import { MIB } from '#core/quota/plans';
import { reconcile } from '#core/quota/reconcile';
import { reservationRule } from '#core/quota/reservation';
import { EMPTY_USAGE, releaseDelta, reserveDelta } from '#core/quota/usage';
import { dynamoDocumentsStore as store } from '#store/documents/documents-store';
import { reservationKey } from '#store/documents/items';
import { dueReservations } from '#store/documents/release-upload';
import { takeStoreMetrics } from '#store/aws/metrics';
import { usageFacts } from '#store/quota/usage-facts';
import { dynamoUsageStore as usage } from '#store/quota/usage-store';
import {
  caller,
  deps,
  freshTenant,
  partition,
  pendingUpload,
  putObject,
  sha256Base64,
  storedBytes,
  tenantWithRecords,
  useLocalStores,
} from './world';

useLocalStores();

const LIMIT = 200 * MIB;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: DomainError & { extensions?: unknown }) => e,
  );

describe('reserving an upload', () => {
  it('is one TransactWriteItems holding the upload, the usage ADD and the sweeper item', async () => {
    const tenantId = freshTenant();
    const upload = pendingUpload(tenantId, { size: 1234 });
    takeStoreMetrics();
    expect(await store.reserveUpload(upload, reservationRule(LIMIT, 1234), reserveDelta(1234))).toEqual({ ok: true });
    expect(takeStoreMetrics()).toMatchObject({ roundTrips: 1, byCommand: { TransactWriteItemsCommand: 1 } });
    expect(await usage.read(tenantId)).toEqual({ ...EMPTY_USAGE, reservedBytes: 1234, committedPlusReserved: 1234 });
    expect(await store.getUpload(tenantId, upload.id)).toEqual(upload);
    expect(await partition(reservationKey(upload).pk)).toContain(reservationKey(upload).sk);
    expect(await usageFacts(tenantId)).toEqual({ versions: [], documents: 0, pendingReservations: [1234] });
    expect(await dueReservations(new Date(Date.parse(upload.holdUntil) + 1), 10_000)).toContainEqual({
      tenantId,
      uploadId: upload.id,
    });
    expect(await dueReservations(new Date(Date.parse(upload.holdUntil) - 1), 10_000)).not.toContainEqual({
      tenantId,
      uploadId: upload.id,
    });
  });

  it('refuses over quota with the usage as it was, writing nothing', async () => {
    const tenantId = freshTenant();
    await store.reserveUpload(
      pendingUpload(tenantId, { size: 150 * MIB }),
      reservationRule(LIMIT, 150 * MIB),
      reserveDelta(150 * MIB),
    );
    const upload = pendingUpload(tenantId, { size: 60 * MIB });
    const outcome = await store.reserveUpload(upload, reservationRule(LIMIT, 60 * MIB), reserveDelta(60 * MIB));
    expect(outcome).toEqual({
      ok: false,
      reason: 'quota',
      usage: { ...EMPTY_USAGE, reservedBytes: 150 * MIB, committedPlusReserved: 150 * MIB },
    });
    expect(await store.getUpload(tenantId, upload.id)).toBeUndefined();
    expect(await partition(reservationKey(upload).pk)).not.toContain(reservationKey(upload).sk);
    const e = await refusal(
      requestUpload(deps(), caller(tenantId), {
        fileName: 'big.bin',
        contentType: 'application/octet-stream',
        size: 60 * MIB,
        sha256: sha256Base64('x'),
      }),
    );
    expect(e).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      extensions: { usedBytes: 0, reservedBytes: 150 * MIB, limitBytes: LIMIT, requestedBytes: 60 * MIB },
    });
    expect((await usage.read(tenantId)).committedPlusReserved).toBe(150 * MIB);
  });

  it('names the linked records that do not exist, and reserves nothing', async () => {
    const { tenantId, companies } = await tenantWithRecords(1);
    const ghost = { entity: 'company' as const, id: 'com_01JD0000000000000000000099' };
    const upload = pendingUpload(tenantId, { links: [companies[0], ghost] });
    expect(await store.reserveUpload(upload, reservationRule(LIMIT, 5), reserveDelta(5))).toEqual({
      ok: false,
      reason: 'missing-links',
      links: [ghost],
    });
    expect(await usage.read(tenantId)).toEqual(EMPTY_USAGE);
    expect(await store.getUpload(tenantId, upload.id)).toBeUndefined();
  });

  it('says the document is gone when a new version names a missing document', async () => {
    const tenantId = freshTenant();
    const upload = pendingUpload(tenantId, { kind: 'version' });
    expect(await store.reserveUpload(upload, reservationRule(null, 5), reserveDelta(5))).toEqual({
      ok: false,
      reason: 'document-gone',
    });
    expect(await usage.read(tenantId)).toEqual(EMPTY_USAGE);
  });

  it("reads another tenant's upload as absent", async () => {
    const tenantId = freshTenant();
    const upload = pendingUpload(tenantId);
    await store.reserveUpload(upload, reservationRule(null, 5), reserveDelta(5));
    expect(await store.getUpload(freshTenant(), upload.id)).toBeUndefined();
    expect(await store.getUploadAndDocument(freshTenant(), upload.id, upload.documentId)).toEqual({});
  });

  it('releases once: the bytes come back and a second release changes nothing', async () => {
    const tenantId = freshTenant();
    const upload = pendingUpload(tenantId, { size: 700 });
    await store.reserveUpload(upload, reservationRule(LIMIT, 700), reserveDelta(700));
    const release = {
      upload,
      status: 'expired' as const,
      reason: 'the object never arrived',
      settledAt: new Date().toISOString(),
      delta: releaseDelta(700),
    };
    expect(await store.releaseUpload(release)).toBe(true);
    expect(await store.releaseUpload(release)).toBe(false);
    expect(await usage.read(tenantId)).toEqual(EMPTY_USAGE);
    expect(await store.getUpload(tenantId, upload.id)).toMatchObject({
      status: 'expired',
      reason: 'the object never arrived',
    });
    expect(await partition(reservationKey(upload).pk)).not.toContain(reservationKey(upload).sk);
  });
});

describe('100 concurrent reservations racing for the last 10 MiB of a free tenant', () => {
  it('never pass the limit, and once finalised usage equals the bytes stored', async () => {
    const tenantId = freshTenant();
    // An admin: a member's reservation may take only half of the room left.
    const who = caller(tenantId, { plan: 'free', role: 'admin' });
    const d = deps();
    // 190 MiB held by a pending upload: what is left is 10 MiB.
    const filler = pendingUpload(tenantId, { size: 190 * MIB });
    expect(await store.reserveUpload(filler, reservationRule(LIMIT, 190 * MIB), reserveDelta(190 * MIB))).toEqual({
      ok: true,
    });

    const sizes = Array.from({ length: 100 }, (_, i) => 256 * 1024 + ((i * 7919) % 768) * 1024); // 256 KiB .. 1 MiB
    let racing = true;
    let maxSeen = 0;
    const watcher = (async () => {
      while (racing) maxSeen = Math.max(maxSeen, (await usage.read(tenantId)).committedPlusReserved);
    })();
    const started = performance.now();
    const results = await Promise.allSettled(
      sizes.map((size, i) => {
        const body = Buffer.alloc(size, i % 251);
        return requestUpload(d, who, {
          fileName: `part-${i}.bin`,
          contentType: 'application/octet-stream',
          size,
          sha256: sha256Base64(body),
        }).then((t) => ({ t, body }));
      }),
    );
    const raceMs = performance.now() - started;
    racing = false;
    await watcher;

    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(refused.every((e) => e.code === 'QUOTA_EXCEEDED')).toBe(true);
    const reserved = won.reduce((n, w) => n + w.t.size, 0);
    expect(reserved).toBeLessThanOrEqual(10 * MIB);
    // Greedy by arrival: what is left is smaller than any refused request (no refusal was spurious).
    const smallestRefused = Math.min(
      ...refused.map((e) => (e as DomainError & { extensions: { requestedBytes: number } }).extensions.requestedBytes),
    );
    expect(10 * MIB - reserved).toBeLessThan(smallestRefused);
    expect(maxSeen).toBeLessThanOrEqual(LIMIT);
    expect(await usage.read(tenantId)).toMatchObject({
      usedBytes: 0,
      reservedBytes: 190 * MIB + reserved,
      committedPlusReserved: 190 * MIB + reserved,
    });

    for (const w of won) await putObject(w.t.objectKey, w.body);
    const settled = await Promise.all(won.map((w) => finaliseUpload(d, { key: w.t.objectKey })));
    expect(settled.every((s) => s.status === 'completed')).toBe(true);
    await store.releaseUpload({
      upload: filler,
      status: 'expired',
      reason: 'test filler',
      settledAt: new Date().toISOString(),
      delta: releaseDelta(190 * MIB),
    });

    const stored = await storedBytes(tenantId);
    const after = await usage.read(tenantId);
    expect(stored).toEqual({ count: won.length, bytes: reserved });
    expect(after).toEqual({
      usedBytes: stored.bytes,
      reservedBytes: 0,
      committedPlusReserved: stored.bytes,
      documents: won.length,
      byUser: { [who.userId]: stored.bytes },
    });
    expect(reconcile(after, await usageFacts(tenantId)).drift).toEqual([]);
    console.log(
      JSON.stringify({
        name: 'reservation-race',
        won: won.length,
        refused: refused.length,
        reservedBytes: reserved,
        leftBytes: 10 * MIB - reserved,
        maxCommittedPlusReserved: maxSeen,
        limit: LIMIT,
        raceMs: Math.round(raceMs),
      }),
    );
  }, 60_000);
});
