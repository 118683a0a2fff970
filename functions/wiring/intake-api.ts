import type { IntakeApiDeps } from '#http/intake/api-routes';
import { dynamoIntakeStore } from '#store/intake/intake-store';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { recordsDeps } from '#wiring/records';
import { requestDeps } from '#wiring/request';

export const intakeApiDeps = () =>
  ({
    intake: dynamoIntakeStore,
    records: recordsDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies IntakeApiDeps;
