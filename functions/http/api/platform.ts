import { apiHandler } from '#http/api-handler';
import { platformRoutes } from '#http/api/platform-routes';

export const handler = apiHandler(platformRoutes);
