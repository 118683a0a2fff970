import type { IntakeApiDeps } from '#http/api/intake-routes';
import { dynamoIntakeStore } from '#store/intake-store';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { recordsPorts } from '#wiring/records';
import { requestPorts } from '#wiring/request';

export const intakeApiDeps = () =>
  ({
    intake: dynamoIntakeStore,
    records: recordsPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  }) satisfies IntakeApiDeps;
