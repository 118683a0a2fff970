import * as z from 'zod';
import { ENTITIES } from '#core/records/entities';
import { builtInField } from '#core/records/built-in-fields';
import { createField, deleteField, listAllFields, updateBuiltInField, updateField } from '#core/records/manage-fields';
import { created, noContent, ok, route } from '#http/route';
import { BuiltInFieldOut, FieldIn, FieldOut, FieldPatchIn } from '#http/records/schemas';

const tag = 'Custom fields';
const EntityParam = z.strictObject({ entity: z.enum(ENTITIES) });
// Custom names are snake_case; built-in ones (taxId) camelCase.
const FieldParam = EntityParam.extend({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a field name'),
});

export const fieldRoutes = [
  route({
    method: 'GET',
    path: '/v1/fields/{entity}',
    operationId: 'listFields',
    summary: 'The fields of an entity: built-in (`builtIn: true`, `id: null`) and custom',
    tag,
    auth: 'tenant',
    ports: ['records'],
    params: EntityParam,
    success: {
      status: 200,
      schema: z.object({ items: z.array(z.union([BuiltInFieldOut, FieldOut])) }).meta({ id: 'FieldList' }),
      description: 'All fields',
    },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: await listAllFields(deps.records, caller, params.entity) }),
  }),
  route({
    method: 'POST',
    path: '/v1/fields/{entity}',
    operationId: 'createField',
    summary: 'Add a custom field',
    tag,
    auth: 'tenant',
    ports: ['records'],
    role: 'admin',
    errors: [409],
    params: EntityParam,
    body: FieldIn,
    example: { name: 'priority', label: 'Priority', type: 'list', options: [{ label: 'High' }, { label: 'Low' }] },
    success: { status: 201, schema: FieldOut, description: 'The field' },
    handler: async ({ params, body }, { caller, deps }) =>
      created({ ...(await createField(deps.records, caller, params.entity, body)), builtIn: false }),
  }),
  route({
    method: 'PATCH',
    path: '/v1/fields/{entity}/{name}',
    operationId: 'updateField',
    summary: 'Change a custom field (label, required, default, options), or require a built-in one',
    description:
      'For a built-in field (e.g. a company `taxId`) only `required` can change; creates then enforce it like a required custom field.',
    tag,
    auth: 'tenant',
    ports: ['records'],
    role: 'admin',
    params: FieldParam,
    body: FieldPatchIn,
    example: { label: 'Urgency', required: true },
    success: { status: 200, schema: z.union([FieldOut, BuiltInFieldOut]), description: 'The field' },
    handler: async ({ params, body }, { caller, deps }) =>
      ok(
        builtInField(params.entity, params.name)
          ? await updateBuiltInField(deps.records, caller, params.entity, params.name, body)
          : { ...(await updateField(deps.records, caller, params.entity, params.name, body)), builtIn: false },
      ),
  }),
  route({
    method: 'DELETE',
    path: '/v1/fields/{entity}/{name}',
    operationId: 'deleteField',
    summary: 'Remove a custom field; its values are hidden',
    tag,
    auth: 'tenant',
    ports: ['records'],
    role: 'admin',
    params: FieldParam,
    success: { status: 204, description: 'Removed' },
    handler: async ({ params }, { caller, deps }) => {
      await deleteField(deps.records, caller, params.entity, params.name);
      return noContent();
    },
  }),
];
