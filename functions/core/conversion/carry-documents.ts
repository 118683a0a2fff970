import type { Conversion } from '#core/conversion/conversion';
import type { ConversionDeps } from '#core/conversion/ports';
import type { ConversionDraft } from '#core/conversion/run';
import { keyActor } from '#core/actor';

/**
 * The carry-documents step, after the commit: the lead's documents get linked to every record it
 * became. Idempotent, so a retried step (or a replayed conversion) links nothing twice.
 */
export async function carryDocuments(
  deps: ConversionDeps,
  draft: ConversionDraft,
  conversion: Conversion,
): Promise<Conversion> {
  const to = [...conversion.created, ...conversion.linked];
  if (!to.length || conversion.undo) return conversion;
  const ids = await deps.documents.carry(
    draft.caller.tenantId,
    { entity: 'lead', id: conversion.leadId },
    to,
    keyActor(draft.caller),
  );
  const documents = [...new Set([...conversion.documents, ...ids])];
  if (documents.length === conversion.documents.length) return conversion;
  await deps.conversions.setDocuments(draft.caller.tenantId, conversion, documents);
  return { ...conversion, documents };
}
