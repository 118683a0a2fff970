import { describe, expect, it } from 'vitest';
import { actorOf, keyActor, linkActor, readActor, systemActor } from '#core/actor';

describe('actors', () => {
  it('name the key beside the user, the link beside its maker, or the system by name', () => {
    expect(keyActor({ userId: 'ann', keyId: 'key_1' })).toEqual({ kind: 'key', userId: 'ann', keyId: 'key_1' });
    expect(linkActor({ by: 'ann', id: 'shl_1' })).toEqual({ kind: 'link', userId: 'ann', linkId: 'shl_1' });
    expect(systemActor('intake', 'sub_1')).toEqual({ kind: 'system', name: 'intake', ref: 'sub_1' });
    expect(systemActor('ses')).toEqual({ kind: 'system', name: 'ses' });
  });

  it('read entries stored before they had a kind, and pass current ones through', () => {
    expect(readActor({ userId: 'ann' })).toEqual({ kind: 'key', userId: 'ann' });
    expect(readActor({ system: 'upload-finaliser', ref: 'upl_1' })).toEqual({
      kind: 'system',
      name: 'upload-finaliser',
      ref: 'upl_1',
    });
    const current = keyActor({ userId: 'ann', keyId: 'key_1' });
    expect(readActor(current)).toBe(current);
    // A job or send made before keys were kept on it: the user alone.
    expect(actorOf('ann', undefined)).toEqual({ kind: 'key', userId: 'ann' });
    expect(actorOf('ann', 'key_1')).toEqual(current);
  });
});
