import type { ApprovalsApiDeps } from '#http/api/approvals-routes';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { approvalsPorts } from '#wiring/approvals';
import { requestPorts } from '#wiring/request';

export const approvalsApiDeps = () =>
  ({
    approvals: approvalsPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  }) satisfies ApprovalsApiDeps;
