import type { ApiDeps } from '#http/deps';
import { dynamoIntakeStore } from '#store/intake-store';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';
import { apiDeps } from '#wiring/unwired';

export const intakeApiDeps = (): ApiDeps =>
  apiDeps('intake-api', {
    intake: dynamoIntakeStore,
    records: recordsPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  });
