import type { ApiDeps } from '#http/deps';
import { dynamoTenancyStore } from '#store/tenancy-store';
import { requestPorts } from '#wiring/request';
import { sendingPorts } from '#wiring/sending';
import { apiDeps } from '#wiring/unwired';

export const sendingApiDeps = (): ApiDeps =>
  apiDeps('sending-api', {
    sending: sendingPorts,
    tenancy: dynamoTenancyStore,
    request: requestPorts,
  });
