import { apiHandler } from '#http/api-handler';
import { sendingApiRoutes } from '#http/sending/api-routes';
import { sendingApiDeps } from '#wiring/sending-api';

export const handler = apiHandler(sendingApiRoutes, sendingApiDeps());
