import { notFound } from '#core/errors';
import { getReconcileJob, requestReconcile } from '#core/quota/reconcile-jobs';
import { usageReport } from '#core/quota/usage-report';
import { accepted, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { ReconcileJobOut, ReconcileOut, UsageOut } from '#http/quota/schemas';

const TenantJobParams = idParam('ten').extend({ jobId: idParam('job').shape.id });

const tag = 'Platform admin';

export const adminUsageRoutes = [
  route({
    method: 'GET',
    path: '/v1/admin/tenants/{id}/usage',
    operationId: 'adminGetTenantUsage',
    summary: "A tenant's storage usage, as the tenant sees it at GET /v1/tenant/usage",
    tag,
    auth: 'admin',
    ports: ['documents', 'tenancy'],
    params: idParam('ten'),
    success: { status: 200, schema: UsageOut, description: 'The usage' },
    handler: async ({ params }, { deps }) => {
      const [tenant, usage] = await Promise.all([
        deps.tenancy.getTenant(params.id),
        deps.documents.usage.read(params.id),
      ]);
      return ok(usageReport(tenant ?? notFound('tenant', params.id), usage));
    },
  }),
  route({
    method: 'POST',
    path: '/v1/admin/tenants/{id}/reconcile',
    operationId: 'adminReconcileTenantUsage',
    summary: "Recount a tenant's usage from what is stored and report any drift",
    description:
      "Recount a tenant's usage from its stored versions, documents and pending uploads, and report every figure of the usage item that differs. It reports and never overwrites. A tenant with more than 20,000 documents is recounted by a job: 202 with the job, finished within a minute or two; poll its Location.",
    tag,
    auth: 'admin',
    ports: ['reconcile'],
    params: idParam('ten'),
    success: {
      status: 200,
      schema: ReconcileOut,
      description: 'The recount and every figure that differs',
      also: [
        {
          status: 202,
          schema: ReconcileJobOut,
          headers: ['location'],
          description: 'A large tenant: the recount runs as a job',
          poll: {
            operationId: 'adminGetReconcileJob',
            parameters: { id: '$request.path.id', jobId: '$response.body#/id' },
          },
        },
      ],
    },
    handler: async ({ params }, { deps }) => {
      const outcome = await requestReconcile(deps.reconcile, params.id);
      return 'report' in outcome
        ? ok(outcome.report)
        : accepted(outcome.job, `/v1/admin/tenants/${params.id}/reconcile/${outcome.job.id}`);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/admin/tenants/{id}/reconcile/{jobId}',
    operationId: 'adminGetReconcileJob',
    summary: 'A usage recount job: running, or its report',
    tag,
    auth: 'admin',
    ports: ['reconcile'],
    params: TenantJobParams,
    success: { status: 200, schema: ReconcileJobOut, description: 'The job' },
    handler: async ({ params }, { deps }) => ok(await getReconcileJob(deps.reconcile, params.id, params.jobId)),
  }),
];
