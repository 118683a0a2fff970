import { DomainError, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import type { Page, PageRequest } from '#core/paging';
import type { TenantCaller } from '#core/tenancy/caller';
import type { SequencesStore } from '#core/templates/ports';
import { checkPrefix, type IssuedNumber, type NumberStatus, type Sequence } from '#core/templates/sequence';

export type SequenceInput = Pick<Sequence, 'name' | 'prefix' | 'padding' | 'reset'>;

export async function getSequence(store: SequencesStore, caller: TenantCaller, id: string): Promise<Sequence> {
  return (await store.get(caller.tenantId, id)) ?? notFound('sequence', id);
}

export async function createSequence(store: SequencesStore, caller: TenantCaller, input: SequenceInput) {
  checkPrefix(input.prefix);
  const at = now();
  const seq: Sequence = {
    ...input,
    id: newId('seq'),
    tenantId: caller.tenantId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.save(seq, null);
  return seq;
}

/** Changes apply to numbers taken from now on; numbers already handed out keep their text. */
export async function updateSequence(
  store: SequencesStore,
  caller: TenantCaller,
  id: string,
  patch: Partial<SequenceInput>,
  expected?: number,
) {
  const current = await getSequence(store, caller, id);
  if (expected !== undefined && expected !== current.version)
    throw new DomainError('VERSION_CONFLICT', `Sequence ${id} is at version ${current.version}, not ${expected}.`);
  if (patch.prefix !== undefined) checkPrefix(patch.prefix);
  const next: Sequence = { ...current, ...patch, version: current.version + 1, updatedAt: now() };
  if ((await store.save(next, current.version)) === 'conflict')
    throw new DomainError('VERSION_CONFLICT', `Sequence ${id} changed meanwhile; read it again.`);
  return next;
}

export const listSequences = (
  store: SequencesStore,
  caller: TenantCaller,
  page: PageRequest,
): Promise<Page<Sequence>> => store.list(caller.tenantId, page);

export async function listNumbers(
  store: SequencesStore,
  caller: TenantCaller,
  id: string,
  status: NumberStatus | undefined,
  page: PageRequest,
): Promise<Page<IssuedNumber>> {
  await getSequence(store, caller, id);
  return store.listNumbers(caller.tenantId, id, status, page);
}
