import { describe, expect, it } from 'vitest';
import { durationSeconds } from '#core/approvals/duration';
import { lintRoute } from '#core/approvals/lint';
import type { RouteDefinition } from '#core/approvals/route';
import { stageOutcome } from '#core/approvals/settle-stage';

describe('stage outcomes', () => {
  it('all: every task approves; the first rejection decides', () => {
    expect(stageOutcome('all', ['approved', 'open'])).toBeUndefined();
    expect(stageOutcome('all', ['approved', 'approved'])).toBe('approved');
    expect(stageOutcome('all', ['rejected', 'open'])).toBe('rejected');
  });
  it('any: the first approval decides; only every rejection rejects', () => {
    expect(stageOutcome('any', ['open', 'approved', 'open'])).toBe('approved');
    expect(stageOutcome('any', ['rejected', 'open'])).toBeUndefined();
    expect(stageOutcome('any', ['rejected', 'rejected'])).toBe('rejected');
  });
  it('atLeast n: n approvals, or rejected once n can no longer be reached', () => {
    const two = { atLeast: 2 };
    expect(stageOutcome(two, ['approved', 'rejected', 'open'])).toBeUndefined();
    expect(stageOutcome(two, ['approved', 'approved', 'open'])).toBe('approved');
    expect(stageOutcome(two, ['rejected', 'rejected', 'open'])).toBe('rejected');
  });
  it('is monotone: once decided, no later decision changes it', () => {
    const modes = ['all', 'any', { atLeast: 2 }] as const;
    const statuses = ['open', 'approved', 'rejected'] as const;
    for (const mode of modes)
      for (const a of statuses)
        for (const b of statuses)
          for (const c of statuses) {
            const before = stageOutcome(mode, [a, b, 'open']);
            if (before && c !== 'open') expect(stageOutcome(mode, [a, b, c])).toBe(before);
          }
  });
});

describe('deadlines as ISO 8601 durations', () => {
  it('reads weeks, days and times in seconds', () => {
    expect(durationSeconds('P2D')).toBe(172_800);
    expect(durationSeconds('PT4H30M')).toBe(16_200);
    expect(durationSeconds('P1W')).toBe(604_800);
    expect(durationSeconds('P1DT1S')).toBe(86_401);
  });
  it('refuses empty, zero, calendar (months, years) and malformed durations', () => {
    for (const bad of ['', 'P', 'PT', 'P0D', 'P1M', 'P1Y', '2 days', 'PT1.5H', 'P-1D', 'P9999W'])
      expect(durationSeconds(bad), bad).toBeUndefined();
  });
});

describe('route lint', () => {
  const route = (stages: RouteDefinition['stages']): RouteDefinition => ({ name: 'r', stages });
  it('passes a sound route', () => {
    expect(
      lintRoute(
        route([
          {
            name: 'a',
            mode: 'all',
            approvers: [{ userId: 'u1' }],
            deadline: 'P1D',
            onDeadline: 'escalate',
            escalateTo: 'u2',
          },
        ]),
        new Set(),
      ),
    ).toEqual([]);
  });
  it('lists every problem with its path', () => {
    const problems = lintRoute(
      route([
        { name: 'a', mode: 'all', approvers: [] },
        { name: 'a', mode: { atLeast: 3 }, approvers: [{ userId: 'ghost' }, { userId: 'ghost' }] },
        { name: 'c', mode: 'any', approvers: [{ role: 'admin' }], deadline: 'soon' },
        { name: 'd', mode: 'any', approvers: [{ role: 'admin' }], deadline: 'P1D', onDeadline: 'escalate' },
        { name: 'e', mode: 'any', approvers: [{ role: 'admin' }], onDeadline: 'remind', escalateTo: 'u1' },
      ]),
      new Set(['ghost']),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'stages.0.approvers',
      'stages.1.name',
      'stages.1.approvers',
      'stages.1.mode.atLeast',
      'stages.1.approvers.0.userId',
      'stages.1.approvers.1.userId',
      'stages.2.deadline',
      'stages.2.onDeadline',
      'stages.3.escalateTo',
      'stages.4.onDeadline',
      'stages.4.escalateTo',
    ]);
  });
});
