import { DomainError, notFound } from '#core/errors';
import type { TenantCaller } from '#core/tenancy/caller';
import type { RecordsDeps } from '#core/records/ports';
import { ENTITY, type Entity } from '#core/records/entities';
import type { HtmlRenderer, PreviewPdf, RenderWorkflows, TemplatesStore } from '#core/templates/ports';
import { checkTemplate } from '#core/templates/check-template';
import { documentFacts } from '#core/templates/document-facts';
import { documentFileName } from '#core/templates/file-name';
import { checkInput } from '#core/templates/manage-templates';
import { renderData, withNumber } from '#core/templates/render-data';
import type { RenderedHtml } from '#core/templates/render-html';
import type { TemplateWarning } from '#core/templates/warnings';

export interface PreviewDeps {
  templates: TemplatesStore;
  records: RecordsDeps;
  workflows: RenderWorkflows;
  html: HtmlRenderer;
}

export interface PreviewInput {
  record?: { entity: Entity; id: string };
  sampleData?: Record<string, unknown>;
  format: 'pdf' | 'html';
}

/**
 * Renders the latest version with a record's data or sample data; counts nothing. A PDF over the
 * inline cap is answered as a link to a copy the bucket deletes a day later.
 */
export async function preview(
  deps: PreviewDeps,
  caller: TenantCaller,
  id: string,
  input: PreviewInput,
): Promise<({ html: string } | PreviewPdf) & { warnings: TemplateWarning[]; fileName: string }> {
  const template = (await deps.templates.get(caller.tenantId, id)) ?? notFound('template', id);
  // The save's checks again: a template saved before a check existed (or a tenant schema changed
  // since) is told so here, and refused in plain words before a render would fail.
  const warnings = await checkTemplate(await checkInput(deps, caller, template));
  let data: Record<string, unknown>;
  if (input.record) {
    const record =
      (await deps.records.records.get(caller.tenantId, input.record.entity, input.record.id)) ??
      notFound(input.record.entity, input.record.id);
    const refs = ENTITY[record.entity].links.flatMap((l) => {
      const v = record.fields[l.field];
      return (Array.isArray(v) ? v : v ? [v] : []).map((rid) => ({ entity: l.target, id: String(rid) }));
    });
    const [linked, schema] = await Promise.all([
      refs.length ? deps.records.records.getMany(caller.tenantId, refs) : [],
      deps.records.schema.load(caller.tenantId, caller.tenant.schemaVersion),
    ]);
    data = renderData({
      record,
      linked,
      fields: schema.fields,
      tenant: { name: caller.tenant.name, profile: caller.tenant.profile },
      user: { id: caller.userId, role: caller.role },
      document: {
        number: '',
        name: template.name,
        ...documentFacts(
          {},
          new Date().toISOString(),
          record.fields.paymentTermDays as number | undefined,
          caller.tenant.profile,
        ),
      },
      locale: template.locale,
    });
    data = withNumber(data, 'PREVIEW');
  } else if (input.sampleData) {
    data = input.sampleData;
  } else {
    throw new DomainError('VALIDATION', 'Give a record or sampleData to preview with.', [
      { path: 'record', message: 'record or sampleData is required' },
    ]);
  }
  // The name the document would get, and the PDF's Title, as generation gives them.
  const { fileName, title } = documentFileName({
    pattern: template.fileName,
    templateName: template.name,
    data,
    format: input.format,
    locale: template.locale,
  });
  const rendered: RenderedHtml = await deps.html.render(
    { ...template, title },
    data,
    `${caller.tenantId}/${template.id}@${template.version}`,
  );
  if (input.format === 'html') return { html: rendered.html, warnings, fileName };
  return { ...(await deps.workflows.previewPdf(caller.tenantId, rendered, fileName)), warnings, fileName };
}
