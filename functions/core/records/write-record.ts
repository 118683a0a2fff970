import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import { assertCanAssign, assertCanWrite } from '#core/records/access';
import { composeCustom, composeFields, outgoingLinks, type RecordInput } from '#core/records/compose';
import { ID_PREFIX, type Entity } from '#core/records/entities';
import type { RecordsDeps, RecordWrite } from '#core/records/ports';
import type { Actor, CrmRecord, TimelineEntry } from '#core/records/record';
import { schemaOf } from '#core/records/schema-access';
import { searchTokens, tokenDiff } from '#core/records/search-tokens';
import { timelineFor } from '#core/records/timeline-diff';
import type { TenantCaller } from '#core/tenancy/caller';
import { keyActor } from '#core/actor';
import { recordEvent, type EventOrigin, type EventType } from '#core/records/events';

const diffRefs = <T extends { id: string }>(before: T[], after: T[]) => ({
  add: after.filter((a) => !before.some((b) => b.id === a.id)),
  remove: before.filter((b) => !after.some((a) => a.id === b.id)),
});

/**
 * The write that takes a record from `current` (undefined: a create) to `next`: timeline, search
 * items, links and its event with it. `actor` is who the event names; `origin` says where a created
 * record came from, or overrides the event's type.
 */
export function recordWrite(
  current: CrmRecord | undefined,
  next: CrmRecord,
  timeline: TimelineEntry[],
  actor: Actor,
  origin: EventOrigin & { type?: EventType } = {},
): RecordWrite {
  const before = current ? outgoingLinks(current) : { checks: [], backLinks: [] };
  const after = outgoingLinks(next);
  const tokens = tokenDiff(current ? searchTokens(current) : [], searchTokens(next));
  const links = diffRefs(before.backLinks, after.backLinks);
  const newTargets = after.checks.filter((c) => !before.checks.some((b) => b.entity === c.entity && b.id === c.id));
  return {
    record: next,
    expectedVersion: current?.version,
    timeline,
    searchAdd: tokens.add,
    searchRemove: tokens.remove,
    linkChecks: newTargets,
    linksAdd: links.add,
    linksRemove: links.remove,
    events: [recordEvent(current, next, actor, origin)],
  };
}

/** Saves `next` over `current` (or creates it) with timeline, search items and links, atomically. */
async function save(
  deps: RecordsDeps,
  caller: TenantCaller,
  current: CrmRecord | undefined,
  next: CrmRecord,
  timeline: TimelineEntry[],
) {
  await deps.records.write(caller.tenantId, recordWrite(current, next, timeline, keyActor(caller)));
  return next;
}

export interface CreateOptions {
  /** Who the timeline names; the caller's user unless the system acts (intake names its submission). */
  actor?: Actor;
  /** An id chosen beforehand (intake answers a quarantined submission with the lead id it will get). */
  id?: string;
  /** Custom fields not held to `required`: intake drops an answer no list option matches but never the lead. */
  notRequired?: string[];
  /** Where the record came from, for its `*.created` event (`api` unless said). */
  origin?: EventOrigin;
}

/**
 * A new record and the write that stores it (timeline, search items, links), without sending it:
 * a caller that must commit more in the same transaction (a form submission) sends it itself.
 */
export async function prepareCreate(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  input: RecordInput,
  opts: CreateOptions = {},
): Promise<{ record: CrmRecord; write: RecordWrite }> {
  const ownerId = input.ownerId === undefined ? caller.userId : input.ownerId;
  assertCanAssign(caller, ownerId);
  const schema = await schemaOf(deps, caller);
  const at = now();
  const record: CrmRecord = {
    id: opts.id ?? newId(ID_PREFIX[entity]),
    entity,
    version: 1,
    ownerId,
    fields: composeFields(entity, schema, input),
    custom: composeCustom(entity, schema, input, undefined, new Set(opts.notRequired)),
    createdAt: at,
    updatedAt: at,
    createdBy: caller.userId,
    updatedBy: caller.userId,
  };
  const actor = opts.actor ?? keyActor(caller);
  const timeline = timelineFor(
    undefined,
    record,
    schema.fields.filter((f) => f.entity === entity),
    actor,
  );
  return { record, write: recordWrite(undefined, record, timeline, actor, opts.origin) };
}

export async function createRecord(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  input: RecordInput,
): Promise<CrmRecord> {
  const { record, write } = await prepareCreate(deps, caller, entity, input);
  await deps.records.write(caller.tenantId, write);
  return record;
}

/** `If-Match`: the client's version must still be the stored one. */
export function assertVersion(record: CrmRecord, expected: number | undefined): void {
  if (expected !== undefined && expected !== record.version) {
    throw new DomainError(
      'VERSION_CONFLICT',
      `The ${record.entity} is at version ${record.version}, not ${expected}; read it again.`,
    );
  }
}

export interface UpdateOptions {
  expectedVersion?: number;
  /** Cascades (a deleted company unlinking its contacts) are not the caller's own edits. */
  skipAccessCheck?: boolean;
}

/** `change` may be a function of the record as stored, so a retry after a conflict re-derives it. */
export async function updateRecord(
  deps: RecordsDeps,
  caller: TenantCaller,
  entity: Entity,
  id: string,
  change: RecordInput | ((current: CrmRecord) => RecordInput),
  opts: UpdateOptions = {},
): Promise<CrmRecord> {
  // Without If-Match a lost race re-reads the record and re-applies the patch to it: writers of
  // different fields all land, writers of one field are last-writer-wins. Each attempt is one
  // transaction (record, timeline, search items, back-links), so re-deriving all of it from a
  // fresh read is simpler and safer than narrowing the update to the patched attributes.
  return retryConflicts(
    deps.conflictRetry ?? DEFAULT_CONFLICT_RETRY,
    opts.expectedVersion === undefined,
    entity,
    async () => {
      const current = (await deps.records.get(caller.tenantId, entity, id)) ?? notFound(entity, id);
      if (current.deletingAt) notFound(entity, id);
      const patch = typeof change === 'function' ? change(current) : change;
      assertVersion(current, opts.expectedVersion);
      if (current.fields.convertedTo)
        throw new DomainError(
          'CONFLICT',
          `The ${entity} was converted and is read-only; undo the conversion to edit it.`,
        );
      if (!opts.skipAccessCheck) {
        assertCanWrite(caller, current.ownerId);
        if (patch.ownerId !== undefined) assertCanAssign(caller, patch.ownerId);
      }
      const schema = await schemaOf(deps, caller);
      const next: CrmRecord = {
        ...current,
        ownerId: patch.ownerId === undefined ? current.ownerId : patch.ownerId,
        fields: composeFields(entity, schema, patch, current),
        custom: composeCustom(entity, schema, patch, current),
        version: current.version + 1,
        updatedAt: now(),
        updatedBy: caller.userId,
      };
      const timeline = timelineFor(
        current,
        next,
        schema.fields.filter((f) => f.entity === entity),
        keyActor(caller),
      );
      if (timeline.length === 0) return current;
      return save(deps, caller, current, next, timeline);
    },
  );
}
