import type { TemplatesApiDeps } from '#http/templates/api-routes';
import { config } from '#config';
import { DomainError } from '#core/errors';
import type { TemplatesDeps } from '#http/deps';
import { sfnRenderWorkflows } from '#store/templates/render-workflows';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { documentsDeps } from '#wiring/documents';
import { recordsDeps } from '#wiring/records';
import { requestDeps } from '#wiring/request';
import { renderLimits, templatesDeps } from '#wiring/templates';

const templates: TemplatesDeps = {
  ...templatesDeps,
  usage: documentsDeps.usage,
  workflows: sfnRenderWorkflows,
  records: recordsDeps,
  documents: documentsDeps.documents,
  get maxBytes() {
    return renderLimits().maxBytes;
  },
  /** How long a render job may run before the job sweeper settles it. */
  get jobDeadlineMs() {
    return config().RENDER_JOB_DEADLINE_MS;
  },
  async documentOf(tenantId, id) {
    const doc = await documentsDeps.documents.getDocument(tenantId, id);
    if (!doc) throw new DomainError('NOT_FOUND', `The generated document ${id} is gone.`);
    return doc;
  },
};

export const templatesApiDeps = () =>
  ({
    templates,
    records: recordsDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies TemplatesApiDeps;
