import type { SendingApiDeps } from '#http/api/sending-routes';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { requestPorts } from '#wiring/request';
import { sendingPorts } from '#wiring/sending';

export const sendingApiDeps = () =>
  ({
    sending: sendingPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  }) satisfies SendingApiDeps;
