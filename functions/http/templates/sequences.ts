import * as z from 'zod';
import { NUMBER_STATUSES } from '#core/templates/sequence';
import {
  createSequence,
  getSequence,
  listNumbers,
  listSequences,
  updateSequence,
} from '#core/templates/manage-sequences';
import type { Sequence } from '#core/templates/sequence';
import { etag } from '#http/request';
import { created, ok, route } from '#http/route';
import { idParam, PageQuery } from '#http/schemas/common';
import { NumberPage, SequenceIn, SequenceOut, SequencePage, SequencePatch } from '#http/templates/schemas';

const tag = 'Sequences';
const present = ({ tenantId: _t, ...shown }: Sequence) => shown;

export const sequenceRoutes = [
  route({
    method: 'POST',
    path: '/v1/sequences',
    operationId: 'createSequence',
    summary: 'Create a numbering sequence (prefix with date parts, padding, reset period)',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    role: 'admin',
    body: SequenceIn,
    example: { name: 'Invoices', prefix: 'INV-{YYYY}-', padding: 4, reset: 'yearly' },
    success: { status: 201, schema: SequenceOut, description: 'The sequence', headers: ['location', 'etag'] },
    handler: async ({ body }, { caller, deps }) => {
      const s = await createSequence(deps.templates.sequences, caller, body);
      return created(present(s), { location: `/v1/sequences/${s.id}`, etag: etag(s.version) });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/sequences',
    operationId: 'listSequences',
    summary: 'Numbering sequences, newest first',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    query: PageQuery,
    success: { status: 200, schema: SequencePage, description: 'One page of sequences' },
    handler: async ({ page: asked }, { caller, deps }) => {
      const page = await listSequences(deps.templates.sequences, caller, asked);
      return ok({ items: page.items.map(present), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/sequences/{id}',
    operationId: 'getSequence',
    summary: 'Get a sequence',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    params: idParam('seq'),
    success: { status: 200, schema: SequenceOut, description: 'The sequence', headers: ['etag'] },
    handler: async ({ params }, { caller, deps }) => {
      const s = await getSequence(deps.templates.sequences, caller, params.id);
      return ok(present(s), { etag: etag(s.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/sequences/{id}',
    operationId: 'updateSequence',
    summary: 'Change a sequence; numbers already taken keep their text',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    role: 'admin',
    ifMatch: true,
    params: idParam('seq'),
    body: SequencePatch,
    example: { prefix: 'RE-{YYYY}-' },
    success: { status: 200, schema: SequenceOut, description: 'The sequence', headers: ['etag'] },
    handler: async ({ params, body, ifMatch }, { caller, deps }) => {
      const s = await updateSequence(deps.templates.sequences, caller, params.id, body, ifMatch);
      return ok(present(s), { etag: etag(s.version) });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/sequences/{id}/numbers',
    operationId: 'listSequenceNumbers',
    summary: 'Numbers handed out (taken, issued, void), oldest first',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    params: idParam('seq'),
    query: PageQuery.extend({ status: z.enum(NUMBER_STATUSES).optional() }),
    success: { status: 200, schema: NumberPage, description: 'One page of numbers' },
    handler: async ({ params, query, page }, { caller, deps }) => {
      return ok(await listNumbers(deps.templates.sequences, caller, params.id, query.status, page));
    },
  }),
];
