import { describe, expect, it } from 'vitest';
import { QuotaExceededError } from '#core/quota/quota-exceeded';
import { allows, hopeless, quotaExceeded, reservationRule } from '#core/quota/reservation';
import { reconcile } from '#core/quota/reconcile';
import {
  applyDelta,
  commitDelta,
  EMPTY_USAGE,
  releaseDelta,
  removeDelta,
  reserveDelta,
  type UsageTotals,
} from '#core/quota/usage';
import { usageReport } from '#core/quota/usage-report';
import { MIB } from '#core/quota/plans';
import { STATUS } from '#http/problem';

const sumHolds = (u: UsageTotals) => expect(u.committedPlusReserved).toBe(u.usedBytes + u.reservedBytes);

describe('usage transitions', () => {
  it('keeps committedPlusReserved the sum of used and reserved through reserve, commit, release and delete', () => {
    let u = applyDelta(EMPTY_USAGE, reserveDelta(100));
    expect(u).toMatchObject({ reservedBytes: 100, usedBytes: 0, committedPlusReserved: 100 });
    u = applyDelta(u, reserveDelta(50));
    u = applyDelta(u, commitDelta(100, 'usr_a', true));
    expect(u).toMatchObject({
      reservedBytes: 50,
      usedBytes: 100,
      committedPlusReserved: 150,
      documents: 1,
      byUser: { usr_a: 100 },
    });
    sumHolds(u);
    u = applyDelta(u, releaseDelta(50));
    expect(u).toMatchObject({ reservedBytes: 0, usedBytes: 100, committedPlusReserved: 100 });
    u = applyDelta(u, removeDelta([{ size: 100, by: 'usr_a' }]));
    expect(u).toEqual(EMPTY_USAGE);
  });

  it('commits a new version without counting a new document', () => {
    expect(commitDelta(10, 'usr_a', false).documents).toBe(0);
    expect(commitDelta(10, 'usr_a', false).committedPlusReserved).toBe(0);
  });

  it('takes each version of a deleted document from its own uploader', () => {
    const before = {
      ...EMPTY_USAGE,
      usedBytes: 60,
      committedPlusReserved: 60,
      documents: 1,
      byUser: { usr_a: 10, usr_b: 50 },
    };
    const after = applyDelta(
      before,
      removeDelta([
        { size: 10, by: 'usr_a' },
        { size: 20, by: 'usr_b' },
        { size: 30, by: 'usr_b' },
      ]),
    );
    expect(after).toEqual(EMPTY_USAGE);
  });
});

describe('reservation rule', () => {
  it('compares the one running total with limit minus size', () => {
    const rule = reservationRule(1000, 300);
    expect(rule).toEqual({ kind: 'limited', limitBytes: 1000, maxBefore: 700 });
    expect(allows(rule, { committedPlusReserved: 700 })).toBe(true);
    expect(allows(rule, { committedPlusReserved: 701 })).toBe(false);
  });

  it('lets a file that exactly fills the quota through, and not one byte more', () => {
    expect(allows(reservationRule(1000, 1000), { committedPlusReserved: 0 })).toBe(true);
    expect(allows(reservationRule(1000, 1001), { committedPlusReserved: 0 })).toBe(false);
    expect(hopeless(reservationRule(1000, 1001))).toBe(true);
    expect(hopeless(reservationRule(1000, 1000))).toBe(false);
  });

  it('never refuses an unlimited plan', () => {
    const rule = reservationRule(null, 5 * 1024 * MIB);
    expect(allows(rule, { committedPlusReserved: Number.MAX_SAFE_INTEGER - 1 })).toBe(true);
    expect(hopeless(rule)).toBe(false);
  });

  it('refuses every upload after a downgrade below usage, without touching what is stored', () => {
    const usage = { ...EMPTY_USAGE, usedBytes: 300 * MIB, committedPlusReserved: 300 * MIB };
    expect(allows(reservationRule(200 * MIB, 1), usage)).toBe(false);
    const afterDeletes = applyDelta(usage, removeDelta([{ size: 150 * MIB, by: 'usr_a' }]));
    expect(allows(reservationRule(200 * MIB, 1), afterDeletes)).toBe(true);
  });

  it('reports used, reserved and limit bytes in a 413 QUOTA_EXCEEDED', () => {
    const e = quotaExceeded({ ...EMPTY_USAGE, usedBytes: 150, reservedBytes: 40, committedPlusReserved: 190 }, 200, 20);
    expect(e).toBeInstanceOf(QuotaExceededError);
    expect(e.code).toBe('QUOTA_EXCEEDED');
    expect(STATUS[e.code]).toBe(413);
    expect(e.extensions).toEqual({ usedBytes: 150, reservedBytes: 40, limitBytes: 200, requestedBytes: 20 });
    expect(e.message).toContain('allows 10 more');
  });
});

describe('usage report', () => {
  it('shows the plan limit, null when unlimited, and users by bytes', () => {
    const usage = {
      ...EMPTY_USAGE,
      usedBytes: 30,
      committedPlusReserved: 35,
      reservedBytes: 5,
      documents: 2,
      byUser: { usr_a: 10, usr_b: 20, usr_c: 0 },
    };
    expect(usageReport({ plan: 'standard', seats: 2 }, usage)).toEqual({
      plan: 'standard',
      usedBytes: 30,
      reservedBytes: 5,
      limitBytes: 1000 * MIB,
      documents: 2,
      byUser: [
        { userId: 'usr_b', usedBytes: 20 },
        { userId: 'usr_a', usedBytes: 10 },
      ],
    });
    expect(usageReport({ plan: 'extended', seats: 2 }, usage).limitBytes).toBeNull();
  });
});

describe('reconcile', () => {
  it('reports no drift when the usage item matches what is stored', () => {
    const recorded = {
      ...EMPTY_USAGE,
      usedBytes: 30,
      reservedBytes: 5,
      committedPlusReserved: 35,
      documents: 1,
      byUser: { usr_a: 30 },
    };
    const { drift, actual } = reconcile(recorded, {
      versions: [
        { size: 10, by: 'usr_a' },
        { size: 20, by: 'usr_a' },
      ],
      documents: 1,
      pendingReservations: [5],
    });
    expect(drift).toEqual([]);
    expect(actual).toEqual(recorded);
  });

  it('names every figure that drifted', () => {
    const recorded = { ...EMPTY_USAGE, usedBytes: 50, committedPlusReserved: 50, documents: 2, byUser: { usr_a: 50 } };
    const { drift } = reconcile(recorded, {
      versions: [{ size: 30, by: 'usr_b' }],
      documents: 1,
      pendingReservations: [],
    });
    expect(drift).toEqual([
      { field: 'usedBytes', recorded: 50, actual: 30 },
      { field: 'committedPlusReserved', recorded: 50, actual: 30 },
      { field: 'documents', recorded: 2, actual: 1 },
      { field: 'byUser.usr_a', recorded: 50, actual: 0 },
      { field: 'byUser.usr_b', recorded: 0, actual: 30 },
    ]);
  });
});
