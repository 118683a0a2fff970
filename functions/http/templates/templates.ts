import { DATA_SCHEMAS } from '#core/templates/data-schema';
import { EMAIL_DATA_SCHEMA } from '#core/templates/email-data-schema';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  listTemplateVersions,
  updateTemplate,
} from '#core/templates/manage-templates';
import { preview } from '#core/templates/preview';
import type { Template, TemplateVersion } from '#core/templates/template';
import { etag } from '#http/request';
import { created, noContent, ok, route } from '#http/route';
import { idParam, PageQuery } from '#http/schemas/common';
import {
  DataSchemaOut,
  PreviewIn,
  PreviewOut,
  SchemaParams,
  TemplateIn,
  TemplateOut,
  TemplatePage,
  TemplatePatch,
  TemplateVersionPage,
} from '#http/templates/schemas';

const tag = 'Templates';
// Templates saved before `fileName` existed have none: shown as null, as one that never set it.
const present = ({ tenantId: _t, ...shown }: Template) => ({ ...shown, fileName: shown.fileName ?? null });
const presentVersion = (v: TemplateVersion) => ({ ...v, fileName: v.fileName ?? null });

export const templateRoutes = [
  route({
    method: 'POST',
    path: '/v1/templates',
    operationId: 'createTemplate',
    summary: 'Create a template (or copy a built-in); warnings list unknown variables and misspellings',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    role: 'admin',
    body: TemplateIn,
    example: { fromBuiltin: 'offer', name: 'Our offer' },
    success: {
      status: 201,
      schema: TemplateOut,
      description: 'The template, version 1',
      headers: ['location', 'etag'],
    },
    handler: async ({ body }, { caller, deps }) => {
      const { template, warnings } = await createTemplate(deps.templates, caller, body);
      return created(
        { ...present(template), warnings },
        { location: `/v1/templates/${template.id}`, etag: etag(template.version) },
      );
    },
  }),
  route({
    method: 'GET',
    path: '/v1/templates',
    operationId: 'listTemplates',
    summary: 'Templates, newest first',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    query: PageQuery,
    success: { status: 200, schema: TemplatePage, description: 'One page of templates' },
    handler: async ({ page: asked }, { caller, deps }) => {
      const page = await listTemplates(deps.templates, caller, asked);
      return ok({ items: page.items.map(present), nextCursor: page.nextCursor });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/templates/{id}',
    operationId: 'getTemplate',
    summary: 'Get a template (its latest version)',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    params: idParam('tpl'),
    success: { status: 200, schema: TemplateOut, description: 'The template', headers: ['etag'] },
    handler: async ({ params }, { caller, deps }) => {
      const t = await getTemplate(deps.templates, caller, params.id);
      return ok(present(t), { etag: etag(t.version) });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/templates/{id}',
    operationId: 'updateTemplate',
    summary: 'Change a template: a new immutable version',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    role: 'admin',
    ifMatch: true,
    params: idParam('tpl'),
    body: TemplatePatch,
    example: { footer: '<div>Page <span class="pageNumber"></span></div>' },
    success: {
      status: 200,
      schema: TemplateOut,
      description: 'The template at its new version',
      headers: ['etag'],
    },
    handler: async ({ params, body, ifMatch }, { caller, deps }) => {
      const { template, warnings } = await updateTemplate(deps.templates, caller, params.id, body, ifMatch);
      return ok({ ...present(template), warnings }, { etag: etag(template.version) });
    },
  }),
  route({
    method: 'DELETE',
    path: '/v1/templates/{id}',
    operationId: 'deleteTemplate',
    summary: 'Delete a template (its versions stay, for the documents that name them)',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    role: 'admin',
    ifMatch: true,
    params: idParam('tpl'),
    success: { status: 204, description: 'Deleted' },
    handler: async ({ params, ifMatch }, { caller, deps }) => {
      await deleteTemplate(deps.templates, caller, params.id, ifMatch);
      return noContent();
    },
  }),
  route({
    method: 'GET',
    path: '/v1/templates/{id}/versions',
    operationId: 'listTemplateVersions',
    summary: 'Every saved version of a template, newest first',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    params: idParam('tpl'),
    query: PageQuery,
    success: { status: 200, schema: TemplateVersionPage, description: 'One page of versions' },
    handler: async ({ params, page }, { caller, deps }) => {
      const versions = await listTemplateVersions(deps.templates, caller, params.id, page);
      return ok({ items: versions.items.map(presentVersion), nextCursor: versions.nextCursor });
    },
  }),
  route({
    method: 'POST',
    path: '/v1/templates/{id}/preview',
    operationId: 'previewTemplate',
    summary: 'Render the latest version as HTML or PDF (inline, or over 180 KB a short-lived link); counted nowhere',
    tag,
    auth: 'tenant',
    ports: ['templates'],
    params: idParam('tpl'),
    body: PreviewIn,
    example: { sampleData: { record: { title: 'Preview' } }, format: 'html' },
    errors: [413],
    success: { status: 200, schema: PreviewOut, description: 'The rendered preview' },
    handler: async ({ params, body }, { caller, deps }) => {
      const out = await preview(deps.templates, caller, params.id, body);
      if ('html' in out) return ok({ format: 'html', html: out.html, fileName: out.fileName, warnings: out.warnings });
      if ('url' in out)
        return ok({
          format: 'pdf',
          url: out.url,
          expiresAt: out.expiresAt,
          pages: out.pages,
          bytes: out.bytes,
          fileName: out.fileName,
          warnings: out.warnings,
        });
      return ok({
        format: 'pdf',
        pdf: Buffer.from(out.pdf).toString('base64'),
        pages: out.pages,
        bytes: out.pdf.byteLength,
        fileName: out.fileName,
        warnings: out.warnings,
      });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/template-schemas/{entity}',
    operationId: 'getTemplateDataSchema',
    summary: 'The data a template of this entity sees, as JSON Schema',
    tag,
    auth: 'tenant',
    params: SchemaParams,
    success: { status: 200, schema: DataSchemaOut, description: 'A JSON Schema' },
    handler: async ({ params }) => ok(params.entity === 'email' ? EMAIL_DATA_SCHEMA : DATA_SCHEMAS[params.entity]),
  }),
];
