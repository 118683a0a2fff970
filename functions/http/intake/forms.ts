import { createForm, deleteForm, listForms, readForm, rotateSecret, updateForm } from '#core/intake/manage-forms';
import { intakeDeps } from '#core/intake/deps';
import { presentForm } from '#http/intake/present';
import { etag } from '#http/request';
import { created, noContent, ok, route } from '#http/route';
import { idParam, pageOf, PageQuery } from '#http/schemas/common';
import { CreatedForm, FormCreate, FormOut, FormPatchIn } from '#http/intake/schemas';

const FormId = idParam('frm');
const EXAMPLE = {
  name: 'Contact us',
  provider: 'standard',
  mapping: { your_email: 'email', full_name: 'name', message: 'comments' },
  fixedValues: { source: 'website' },
  requiredFields: ['email'],
  allowedOrigins: ['https://www.example.com'],
  thankYouUrl: 'https://www.example.com/thanks',
  honeypotField: 'website_url',
};

export const formRoutes = [
  route({
    method: 'POST',
    path: '/v1/forms',
    operationId: 'createForm',
    summary: 'Create a form; its signing secret is shown once',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    role: 'admin',
    body: FormCreate,
    example: EXAMPLE,
    notReplayed: ['secret'],
    success: {
      status: 201,
      schema: CreatedForm,
      description: 'The form, with its secret',
      headers: ['etag', 'location'],
    },
    handler: async ({ body, headers }, ctx) => {
      const { form, secret } = await createForm(intakeDeps(ctx.deps), ctx.caller, body);
      return created(
        { ...presentForm(form, ctx.caller.tenantId, headers), secret },
        { etag: etag(form.version), location: `/v1/forms/${form.id}` },
      );
    },
  }),
  route({
    method: 'GET',
    path: '/v1/forms',
    operationId: 'listForms',
    summary: 'List forms, newest first',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    query: PageQuery,
    success: { status: 200, schema: pageOf(FormOut, 'FormPage'), description: 'A page of forms' },
    handler: async ({ page: asked, headers }, ctx) => {
      const page = await listForms(intakeDeps(ctx.deps), ctx.caller, asked);
      return ok({
        items: page.items.map((f) => presentForm(f, ctx.caller.tenantId, headers)),
        nextCursor: page.nextCursor,
      });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/forms/{id}',
    operationId: 'getForm',
    summary: 'Get a form',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    params: FormId,
    success: { status: 200, schema: FormOut, description: 'The form', headers: ['etag'] },
    handler: async ({ params, headers }, ctx) => {
      const form = await readForm(intakeDeps(ctx.deps), ctx.caller, params.id);
      return ok(presentForm(form, ctx.caller.tenantId, headers), { etag: etag(form.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/forms/{id}',
    operationId: 'updateForm',
    summary: 'Change a form (If-Match for optimistic concurrency)',
    description: 'Send only what changes; `null` clears titleTemplate, thankYouUrl, errorUrl or honeypotField.',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    role: 'admin',
    ifMatch: true,
    params: FormId,
    body: FormPatchIn,
    example: { enabled: false },
    success: { status: 200, schema: FormOut, description: 'The changed form', headers: ['etag'] },
    handler: async ({ params, body, headers, ifMatch }, ctx) => {
      const form = await updateForm(intakeDeps(ctx.deps), ctx.caller, params.id, body as never, ifMatch);
      return ok(presentForm(form, ctx.caller.tenantId, headers), { etag: etag(form.version) });
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/forms/{id}',
    operationId: 'deleteForm',
    summary: 'Delete a form: its intake URL answers 404 from now on',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    role: 'admin',
    params: FormId,
    success: { status: 204, description: 'Deleted' },
    handler: async ({ params }, ctx) => {
      await deleteForm(intakeDeps(ctx.deps), ctx.caller, params.id);
      return noContent();
    },
  }),
  route({
    method: 'POST',
    path: '/v1/forms/{id}/rotate-secret',
    operationId: 'rotateFormSecret',
    summary: 'A new signing secret; the previous one verifies 24 hours more',
    tag: 'Forms',
    auth: 'tenant',
    ports: ['intake', 'records'],
    role: 'admin',
    params: FormId,
    notReplayed: ['secret'],
    success: { status: 200, schema: CreatedForm, description: 'The form, with its new secret', headers: ['etag'] },
    handler: async ({ params, headers }, ctx) => {
      const { form, secret } = await rotateSecret(intakeDeps(ctx.deps), ctx.caller, params.id);
      return ok({ ...presentForm(form, ctx.caller.tenantId, headers), secret }, { etag: etag(form.version) });
    },
  }),
];
