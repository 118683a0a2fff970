import * as z from 'zod';
import { ENTITIES } from '#core/records/entities';
import { createField, deleteField, listFields, updateField } from '#core/records/manage-fields';
import { created, noContent, ok, route } from '#http/route';
import { FieldIn, FieldOut, FieldPatchIn } from '#http/schemas/records';

const tag = 'Custom fields';
const EntityParam = z.strictObject({ entity: z.enum(ENTITIES) });
const FieldParam = EntityParam.extend({ name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a field name') });

export const fieldRoutes = [
  route({
    method: 'GET',
    path: '/v1/fields/{entity}',
    operationId: 'listFields',
    summary: 'The custom fields of an entity',
    tag,
    auth: 'tenant',
    params: EntityParam,
    success: {
      status: 200,
      schema: z.object({ items: z.array(FieldOut) }).meta({ id: 'FieldList' }),
      description: 'All fields',
    },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: await listFields(deps.records, caller, params.entity) }),
  }),
  route({
    method: 'POST',
    path: '/v1/fields/{entity}',
    operationId: 'createField',
    summary: 'Add a custom field',
    tag,
    auth: 'tenant',
    role: 'admin',
    errors: [409],
    params: EntityParam,
    body: FieldIn,
    example: { name: 'priority', label: 'Priority', type: 'list', options: [{ label: 'High' }, { label: 'Low' }] },
    success: { status: 201, schema: FieldOut, description: 'The field' },
    handler: async ({ params, body }, { caller, deps }) =>
      created(await createField(deps.records, caller, params.entity, body)),
  }),
  route({
    method: 'PATCH',
    path: '/v1/fields/{entity}/{name}',
    operationId: 'updateField',
    summary: 'Change a custom field (label, required, default, options)',
    tag,
    auth: 'tenant',
    role: 'admin',
    params: FieldParam,
    body: FieldPatchIn,
    example: { label: 'Urgency', required: true },
    success: { status: 200, schema: FieldOut, description: 'The field' },
    handler: async ({ params, body }, { caller, deps }) =>
      ok(await updateField(deps.records, caller, params.entity, params.name, body)),
  }),
  route({
    method: 'DELETE',
    path: '/v1/fields/{entity}/{name}',
    operationId: 'deleteField',
    summary: 'Remove a custom field; its values are hidden',
    tag,
    auth: 'tenant',
    role: 'admin',
    params: FieldParam,
    success: { status: 204, description: 'Removed' },
    handler: async ({ params }, { caller, deps }) => {
      await deleteField(deps.records, caller, params.entity, params.name);
      return noContent();
    },
  }),
];
