import { requestReindex } from '#core/quota/reconcile-jobs';
import { accepted, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ReconcileJobOut } from '#http/quota/schemas';

// A reindex is a job of the reconcile runner (functions/events/run-reconcile-jobs.ts): it reads
// everything the tenant has, more than a request may take, so it is always a job.
export const adminReindexRoutes = [
  route({
    method: 'POST',
    path: '/v1/admin/tenants/{id}/reindex',
    operationId: 'adminReindexTenantLeads',
    summary: "Rebuild a tenant's indexes: lead search items and the search index",
    description:
      "Makes a tenant's derived indexes match its data again. First the lead search items and list keys (leads stored before `q` matched `companyName` and `source` was a list filter lack them), each written on the lead's version. Then the search index of `GET /v1/search`: every document and record indexed again from the table (a document version's text kept when the index has it, else extracted from its file again), and entries of documents and records that are gone removed, so a dropped or stale index loses nothing. Searches keep answering meanwhile. Running it again is harmless. 202 with the job; the scheduled runner takes it within a minute and, for a tenant too large for one run, goes on at the next; poll its Location.",
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
      const job = await requestReindex(deps.reconcile, params.id);
      return accepted(job, `/v1/admin/tenants/${params.id}/reconcile/${job.id}`);
    },
  }),
];
