import type { SendingApiDeps } from '#http/sending/api-routes';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { requestDeps } from '#wiring/request';
import { sendingDeps } from '#wiring/sending';

export const sendingApiDeps = () =>
  ({
    sending: sendingDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies SendingApiDeps;
