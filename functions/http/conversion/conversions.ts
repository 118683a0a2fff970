import * as z from 'zod';
import { conversionView, type Conversion } from '#core/conversion/conversion';
import { getMapping, putMapping } from '#core/conversion/manage-mapping';
import { listConversions } from '#core/conversion/read-conversions';
import type { ConvertRequest, TargetRequest } from '#core/conversion/request';
import { undoConversion } from '#core/conversion/undo';
import { DomainError } from '#core/errors';
import { ID_PREFIXES, newId } from '#core/ids';
import { versionedHash } from '#core/request-hash';
import { sha256 } from '#core/tenancy/key-secret';
import { created, ok, route } from '#http/route';
import { idParam, pageOf, PageQuery } from '#http/schemas/common';
import { Ref } from '#core/records/standard-fields';
import {
  ConversionConflict,
  ConversionOut,
  ConversionPlanOut,
  ConvertIn,
  MappingIn,
  MappingOut,
} from '#http/conversion/schemas';

const tag = 'Lead conversion';
const LeadId = idParam(ID_PREFIXES.lead);
const UndoParams = z.strictObject({ id: Ref('lead'), cid: Ref('cnv').describe('A cnv_ id.') });

const target = (t: { create?: Record<string, unknown>; existingId?: string } | undefined): TargetRequest | undefined =>
  t === undefined ? undefined : t.existingId !== undefined ? { existingId: t.existingId } : { create: t.create ?? {} };

/** The key's hash scoped to the API key (as the middleware scopes it) and the request's, or none without a key. */
function idempotencyOf(headers: Record<string, string>, scope: string, request: unknown) {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255)
    throw new DomainError('VALIDATION', 'Idempotency-Key must be 1 to 255 characters.', [
      { path: 'headers.idempotency-key', message: 'Invalid length.' },
    ]);
  // Compared by meaning (as the middleware compares bodies): the same body with keys in another order
  // is the same request. Conversions stored before hash the bytes; `legacyRequestHash` still matches those.
  return {
    keyHash: sha256(`${scope}\n${key}`),
    requestHash: versionedHash(request),
    legacyRequestHash: sha256(JSON.stringify(request)),
  };
}

const shown = (c: Conversion, documentsPending?: boolean) => ({
  ...conversionView(c),
  ...(documentsPending ? { documentsPending } : {}),
});

export const conversionRoutes = [
  route({
    method: 'POST',
    path: '/v1/leads/{id}/conversions',
    operationId: 'convertLead',
    summary: 'Convert a lead into any mix of contact, company and deal, or close it as junk',
    description:
      'Runs the lead-conversion workflow: map (custom fields by name or by the conversion mapping), validate required fields (400 REQUIRED_FIELDS_MISSING, errors name `company.taxId`), find duplicates (409 with `candidates` unless onDuplicate says link or create), then one transaction for everything. `dryRun: true` answers 200 with the plan and writes nothing. A converted lead answers 409 with its `conversion`, except an identical retry with the same Idempotency-Key, which gets the original 201.',
    tag,
    auth: 'tenant',
    ports: ['conversion'],
    ownIdempotency: true,
    errors: [409, 422],
    params: LeadId,
    body: ConvertIn,
    example: {
      contact: { create: {} },
      company: { create: { taxId: 'DE123456789' } },
      deal: { create: { amount: 1200, currency: 'EUR' } },
      onDuplicate: 'fail',
    },
    problems: {
      409: {
        schema: ConversionConflict,
        description:
          'The lead is already converted or junk (`conversion`), duplicates were found (`candidates`), or a plain change of state conflicts.',
      },
    },
    success: {
      status: 201,
      schema: ConversionOut,
      description: 'The conversion (an identical retry with the same Idempotency-Key gets it again)',
      also: [{ status: 200, schema: ConversionPlanOut, description: 'dryRun: the plan; nothing was written' }],
    },
    handler: async ({ params, body, headers }, { caller, deps }) => {
      const request: ConvertRequest = {
        ...body,
        contact: target(body.contact),
        company: target(body.company),
      };
      const outcome = await deps.conversion.workflow.run({
        conversionId: newId('cnv'),
        leadId: params.id,
        caller,
        request,
        idempotency: idempotencyOf(headers, `${caller.tenantId}#${caller.keyId}`, { leadId: params.id, body }),
      });
      if (outcome.kind === 'plan') return ok(outcome.plan);
      return created(
        shown(outcome.conversion, outcome.documentsPending),
        outcome.replayed ? { 'idempotent-replayed': 'true' } : {},
      );
    },
  }),
  route({
    method: 'GET',
    path: '/v1/leads/{id}/conversions',
    operationId: 'listLeadConversions',
    summary: "A lead's conversions, each with its undo, newest first",
    tag,
    auth: 'tenant',
    ports: ['conversion'],
    params: LeadId,
    query: PageQuery,
    success: { status: 200, schema: pageOf(ConversionOut, 'ConversionPage'), description: 'A page of conversions' },
    handler: async ({ params, page: asked }, { caller, deps }) => {
      const page = await listConversions(deps.conversion, caller, params.id, asked);
      return ok({ items: page.items.map((c) => shown(c)), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/leads/{id}/conversions/{cid}/undo',
    operationId: 'undoLeadConversion',
    summary: 'Undo a conversion within 24 hours',
    description:
      'Removes what the conversion created, unlinks what it linked, reverts filled fields and restores the lead, atomically. 409 when a created or filled record changed since, a created record gained links or documents, or the 24 hours passed.',
    tag,
    auth: 'tenant',
    ports: ['conversion'],
    errors: [409],
    params: UndoParams,
    success: { status: 200, schema: ConversionOut, description: 'The conversion, now undone' },
    handler: async ({ params }, { caller, deps }) =>
      ok(shown(await undoConversion(deps.conversion, caller, params.id, params.cid))),
  }),
  route({
    method: 'GET',
    path: '/v1/conversion-mapping',
    operationId: 'getConversionMapping',
    summary: 'How lead custom fields carry over to contacts, companies and deals',
    tag,
    auth: 'tenant',
    ports: ['conversion'],
    success: { status: 200, schema: MappingOut, description: 'The mapping (empty: same-named fields only)' },
    handler: async (_input, { caller, deps }) => ok(await getMapping(deps.conversion, caller)),
  }),
  route({
    method: 'PUT',
    path: '/v1/conversion-mapping',
    operationId: 'putConversionMapping',
    summary: 'Replace the conversion mapping (rules override same-named fields; list options map by id)',
    tag,
    auth: 'tenant',
    ports: ['conversion'],
    role: 'admin',
    body: MappingIn,
    example: { fields: [{ lead: 'budget_band', target: 'deal', field: 'budget' }] },
    success: { status: 200, schema: MappingOut, description: 'The mapping' },
    handler: async ({ body }, { caller, deps }) => ok(await putMapping(deps.conversion, caller, body.fields)),
  }),
];
