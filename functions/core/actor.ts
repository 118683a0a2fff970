/**
 * Who acted, as every timeline entry, approval trail event and tenant audit entry records it:
 * - `key`: a user through one API key: the key is named beside the user, so what an admin did with
 *   a key issued for someone else is told apart from what that person did with their own;
 * - `link`: someone holding a link a user made (a share link), acting on that user's word, or an
 *   approver deciding from the action link mailed to them (`userId` is the approver, `linkId` an `alk_`);
 * - `system`: the system on its own account (intake, the upload finaliser, email events,
 *   deadlines, the platform admin); `ref` names what triggered it (a submission, an upload, a run).
 */
export type Actor =
  | { kind: 'key'; userId: string; keyId: string }
  | { kind: 'link'; userId: string; linkId: string }
  | { kind: 'system'; name: string; ref?: string };

export const keyActor = (caller: { userId: string; keyId: string }): Actor => ({
  kind: 'key',
  userId: caller.userId,
  keyId: caller.keyId,
});

export const linkActor = (link: { by: string; id: string }): Actor => ({
  kind: 'link',
  userId: link.by,
  linkId: link.id,
});

export const systemActor = (name: string, ref?: string): Actor => ({
  kind: 'system',
  name,
  ...(ref !== undefined ? { ref } : {}),
});

/** The platform admin has no user or key in any tenant: its changes are the system's. */
export const PLATFORM_ADMIN: Actor = systemActor('platform-admin');

/**
 * An actor as stored, read: entries written before actors had a `kind` were `{userId}` (a user,
 * its key not recorded) or `{system, ref?}`. The first reads as a key actor without `keyId` (the
 * one shape where it is absent: nothing can name that key now), the second as a system actor.
 */
export function readActor(stored: unknown): Actor {
  const a = (stored ?? {}) as Record<string, unknown>;
  if (a.kind === 'key' || a.kind === 'link' || a.kind === 'system') return a as Actor;
  if (typeof a.system === 'string') return systemActor(a.system, typeof a.ref === 'string' ? a.ref : undefined);
  return { kind: 'key', userId: String(a.userId ?? 'unknown') } as Actor;
}

/** A user and the key it acted with, as kept on a job or a send: made before keys were kept there, the user alone. */
export const actorOf = (userId: string, keyId: string | undefined): Actor =>
  keyId ? keyActor({ userId, keyId }) : readActor({ userId });

/** A stored entry (timeline, trail) with its actor read as #readActor does. */
export const withActorRead = <T extends { actor: unknown }>(entry: T): T & { actor: Actor } => ({
  ...entry,
  actor: readActor(entry.actor),
});
