import { newId, now } from '#core/ids';
import type { TimelineNote } from '#core/intake/ports';
import type { RecordInput } from '#core/records/compose';
import type { RecordsDeps } from '#core/records/ports';
import type { RecordRef } from '#core/records/record';
import type { SearchLookup } from '#core/records/search-tokens';
import { systemActor } from '#core/actor';

/** An existing lead or contact with the same email or phone: the new lead is marked a repeat of it. */
export async function findRepeat(
  deps: RecordsDeps,
  tenantId: string,
  input: RecordInput,
): Promise<RecordRef | undefined> {
  const lookups: SearchLookup[] = [
    ...(typeof input.email === 'string' ? [{ kind: 'email' as const, value: input.email }] : []),
    ...(typeof input.phone === 'string' ? [{ kind: 'phone' as const, value: input.phone }] : []),
  ];
  const found = await Promise.all(
    lookups.flatMap((lookup) =>
      (['lead', 'contact'] as const).map((entity) =>
        deps.records.search(tenantId, entity, lookup, { limit: 1, scope: `intake:${tenantId}` }),
      ),
    ),
  );
  const first = found.flatMap((page) => page.items)[0];
  return first && { entity: first.entity, id: first.id };
}

/** Seen on the earlier record's timeline: a repeat is never silently dropped. */
export function repeatNote(of: RecordRef, leadId: string, submissionId: string): TimelineNote {
  return {
    ref: of,
    entry: {
      id: newId('evt'),
      at: now(),
      actor: systemActor('intake', submissionId),
      type: 'repeat_submission',
      changes: [{ field: 'repeatLead', from: null, to: leadId }],
    },
  };
}
