import type { ApprovalsApiDeps } from '#http/approvals/api-routes';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { approvalsDeps } from '#wiring/approvals';
import { requestDeps } from '#wiring/request';

export const approvalsApiDeps = () =>
  ({
    approvals: approvalsDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies ApprovalsApiDeps;
