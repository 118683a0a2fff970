import { requestLeadIndex } from '#core/quota/reconcile-jobs';
import { accepted, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ReconcileJobOut } from '#http/quota/schemas';

// The lead-index backfill is a job of the reconcile runner (functions/events/run-reconcile-jobs.ts):
// it reads every lead of the tenant, more than a request may take, so it is always a job.
export const adminReindexRoutes = [
  route({
    method: 'POST',
    path: '/v1/admin/tenants/{id}/reindex',
    operationId: 'adminReindexTenantLeads',
    summary: "Index a tenant's existing leads for companyName search and the source filter",
    description:
      "Leads stored before `q` matched `companyName` and before `source` was a list filter lack those search items and list keys. This job writes them for every lead of the tenant, each on the lead's version (a lead changed meanwhile is read again). Running it again is harmless. 202 with the job; the scheduled runner finishes it within a minute or two; poll its Location.",
    tag: 'Platform admin',
    auth: 'admin',
    ports: ['reconcile'],
    params: idParam('ten'),
    success: {
      status: 202,
      schema: ReconcileJobOut,
      headers: ['location'],
      description: 'The job, queued',
      poll: {
        operationId: 'adminGetReconcileJob',
        parameters: { id: '$request.path.id', jobId: '$response.body#/id' },
      },
    },
    handler: async ({ params }, { deps }) => {
      const job = await requestLeadIndex(deps.reconcile, params.id);
      return accepted(job, `/v1/admin/tenants/${params.id}/reconcile/${job.id}`);
    },
  }),
];
