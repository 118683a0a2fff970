import { describe, expect, it } from 'vitest';
import { highestRole, publicUser, withKey, withoutKey } from '#core/tenancy/user';

const T = 'ten_01M8GB6ZQV6CZ9PPMACJZTTR8Y';
const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';

describe('user rules', () => {
  it('creates a user with its first key: active, taking a seat, written only if still absent', () => {
    const change = withKey(undefined, T, 'ann', { id: 'key_1', role: 'member' }, { name: 'Ann' }, AT);
    expect(change).toEqual({
      expectedVersion: null,
      seat: 'take',
      next: {
        tenantId: T,
        userId: 'ann',
        name: 'Ann',
        role: 'member',
        active: true,
        keys: { key_1: 'member' },
        version: 1,
        createdAt: AT,
        updatedAt: AT,
      },
    });
  });

  it('gives an active user another key without a new seat, keeping the profile it is not told to change', () => {
    const ann = withKey(
      undefined,
      T,
      'ann',
      { id: 'key_1', role: 'member' },
      { name: 'Ann', email: 'a@x.io' },
      AT,
    ).next;
    const change = withKey(ann, T, 'ann', { id: 'key_2', role: 'viewer' }, { email: 'ann@x.io' }, LATER);
    expect(change.seat).toBe('keep');
    expect(change.expectedVersion).toBe(1);
    expect(change.next).toMatchObject({ name: 'Ann', email: 'ann@x.io', role: 'member', version: 2, createdAt: AT });
  });

  it('frees the seat only with the last key, and takes one again when the user returns', () => {
    let user = withKey(undefined, T, 'bo', { id: 'key_1', role: 'admin' }, {}, AT).next;
    user = withKey(user, T, 'bo', { id: 'key_2', role: 'viewer' }, {}, AT).next;
    const first = withoutKey(user, 'key_1', LATER);
    expect(first).toMatchObject({ seat: 'keep', next: { active: true, role: 'viewer' } });
    const last = withoutKey(first.next, 'key_2', LATER);
    expect(last).toMatchObject({ seat: 'free', next: { active: false, role: 'viewer', keys: {} } });
    expect(withKey(last.next, T, 'bo', { id: 'key_3', role: 'member' }, {}, LATER).seat).toBe('take');
  });

  it('ranks roles: owner over admin over member over viewer', () => {
    expect(highestRole(['viewer', 'owner', 'member'])).toBe('owner');
    expect(highestRole(['member', 'admin'])).toBe('admin');
    expect(highestRole([])).toBeUndefined();
  });

  it('shows a user without its tenant, key ids or version', () => {
    const user = withKey(undefined, T, 'cy', { id: 'key_1', role: 'member' }, {}, AT).next;
    expect(publicUser(user)).toEqual({
      userId: 'cy',
      role: 'member',
      active: true,
      activeKeys: 1,
      createdAt: AT,
      updatedAt: AT,
    });
  });
});
