import type { TemplatesApiDeps } from '#http/api/templates-routes';
import { DomainError } from '#core/errors';
import type { TemplatesApiPorts } from '#http/deps';
import { sfnRenderWorkflows } from '#store/render-workflows';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { documentsPorts } from '#wiring/documents';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';
import { jobDeadlineMs, renderLimits, templatesPorts } from '#wiring/templates';

const templates: TemplatesApiPorts = {
  ...templatesPorts,
  usage: documentsPorts.usage,
  workflows: sfnRenderWorkflows,
  records: recordsPorts,
  get maxBytes() {
    return renderLimits().maxBytes;
  },
  get jobDeadlineMs() {
    return jobDeadlineMs();
  },
  async documentOf(tenantId, id) {
    const doc = await documentsPorts.documents.getDocument(tenantId, id);
    if (!doc) throw new DomainError('NOT_FOUND', `The generated document ${id} is gone.`);
    return doc;
  },
};

export const templatesApiDeps = () =>
  ({
    templates,
    records: recordsPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  }) satisfies TemplatesApiDeps;
