import type { Conversion } from '#core/conversion/conversion';
import type { ConversionDeps } from '#core/conversion/ports';
import type { Actor } from '#core/records/record';

/**
 * The carry-documents step, after the commit: the lead's documents get linked to every record it
 * became, and the conversion stops being `documentsPending`. Idempotent, so a retried step, a
 * replayed conversion or the sweeper after a cut-off workflow links nothing twice.
 */
export async function carryDocuments(
  deps: Pick<ConversionDeps, 'conversions' | 'documents'>,
  tenantId: string,
  actor: Actor,
  conversion: Conversion,
): Promise<Conversion> {
  const to = [...conversion.created, ...conversion.linked];
  let documents = conversion.documents;
  // An undone conversion's records are gone: nothing to carry, only the pending mark to clear.
  if (to.length && !conversion.undo) {
    const ids = await deps.documents.carry(tenantId, { entity: 'lead', id: conversion.leadId }, to, actor);
    documents = [...new Set([...conversion.documents, ...ids])];
  }
  if (!conversion.documentsPending && documents.length === conversion.documents.length) return conversion;
  await deps.conversions.setDocuments(tenantId, conversion, documents);
  const { documentsPending: _done, ...rest } = conversion;
  return { ...rest, documents };
}
