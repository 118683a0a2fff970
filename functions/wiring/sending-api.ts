import type { SendingApiDeps } from '#http/api/sending-routes';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { requestDeps } from '#wiring/request';
import { sendingDeps } from '#wiring/sending';

export const sendingApiDeps = () =>
  ({
    sending: sendingDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies SendingApiDeps;
