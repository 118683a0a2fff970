import { describe, expect, it } from 'vitest';
import { aclGrant, canGovern, canSee, canUpload, canWrite, visibleOrNotFound } from '#core/documents/access';
import type { AclEntry, Visibility } from '#core/documents/document';
import { ROLES, type Role } from '#core/tenancy/caller';
import { callerOf, USERS } from './fakes/memory-documents';

const ME = USERS.alice;
const OTHER = USERS.bob;
const doc = (ownerId: string, visibility: Visibility, acl: AclEntry[] = []) => ({
  id: 'doc_x',
  ownerId,
  visibility,
  acl,
});

// Every role × ownership × visibility × ACL grant, against the rules written out once here.
type Grant = 'none' | 'user-read' | 'user-write' | 'role-read' | 'role-write' | 'lower-role-write';
const GRANTS: Grant[] = ['none', 'user-read', 'user-write', 'role-read', 'role-write', 'lower-role-write'];
const aclFor = (grant: Grant, role: Role): AclEntry[] => {
  switch (grant) {
    case 'none':
      return [
        { userId: USERS.vera, access: 'write' },
        { role: 'owner', access: 'read' },
      ].filter((e) => !('role' in e) || role !== 'owner') as AclEntry[];
    case 'user-read':
      return [{ userId: ME, access: 'read' }];
    case 'user-write':
      return [{ userId: ME, access: 'write' }];
    case 'role-read':
      return [{ role, access: 'read' }];
    case 'role-write':
      return [{ role, access: 'write' }];
    case 'lower-role-write':
      return [{ role: 'viewer', access: 'write' }];
  }
};

function expected(role: Role, mine: boolean, visibility: Visibility, grant: Grant) {
  const admin = role === 'admin' || role === 'owner';
  const listed = grant !== 'none';
  const see = admin || mine || visibility === 'tenant' || listed;
  const aclWrite = grant === 'user-write' || grant === 'role-write' || grant === 'lower-role-write';
  const write = see && (admin || (role === 'member' && (mine || aclWrite)));
  return { see, write };
}

describe('document access, exhaustively', () => {
  for (const role of ROLES) {
    for (const mine of [true, false]) {
      for (const visibility of ['tenant', 'restricted'] as const) {
        for (const grant of GRANTS) {
          const want = expected(role, mine, visibility, grant);
          it(`${role}, ${mine ? 'owner of' : 'not owner of'} a ${visibility} document, ACL ${grant}: ${want.see ? 'sees' : 'does not see'}, ${want.write ? 'writes' : 'does not write'}`, () => {
            const caller = callerOf(role, ME);
            const d = doc(mine ? ME : OTHER, visibility, aclFor(grant, role));
            expect(canSee(caller, d)).toBe(want.see);
            expect(canWrite(caller, d)).toBe(want.write);
          });
        }
      }
    }
  }
});

describe('document access rules', () => {
  it('never lets a viewer write, even when an ACL grants it write', () => {
    const viewer = callerOf('viewer', ME);
    expect(canWrite(viewer, doc(ME, 'tenant', [{ userId: ME, access: 'write' }]))).toBe(false);
    expect(canUpload(viewer)).toBe(false);
  });

  it('treats a restricted document the caller is not listed on as not found', () => {
    const member = callerOf('member', ME);
    expect(() => visibleOrNotFound(member, doc(OTHER, 'restricted'), 'doc_x')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => visibleOrNotFound(member, undefined, 'doc_x')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'No document with id doc_x.' }),
    );
  });

  it('grants a role entry to that role and above, and write wins over read', () => {
    expect(aclGrant([{ role: 'member', access: 'read' }], callerOf('viewer', ME))).toBeUndefined();
    expect(aclGrant([{ role: 'member', access: 'read' }], callerOf('member', ME))).toBe('read');
    expect(
      aclGrant(
        [
          { role: 'member', access: 'read' },
          { userId: ME, access: 'write' },
        ],
        callerOf('member', ME),
      ),
    ).toBe('write');
  });

  it('lets only the owner and admins govern visibility, ACL and sharing', () => {
    const d = doc(OTHER, 'tenant', [{ userId: ME, access: 'write' }]);
    expect(canGovern(callerOf('member', ME), d)).toBe(false);
    expect(canGovern(callerOf('member', OTHER), d)).toBe(true);
    expect(canGovern(callerOf('admin', ME), d)).toBe(true);
    expect(canGovern(callerOf('viewer', OTHER), d)).toBe(false);
  });
});
