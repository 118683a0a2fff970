import type { ApiDeps } from '#http/deps';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { approvalsPorts } from '#wiring/approvals';
import { requestPorts } from '#wiring/request';
import { apiDeps } from '#wiring/unwired';

export const approvalsApiDeps = (): ApiDeps =>
  apiDeps('approvals-api', {
    approvals: approvalsPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  });
