import { apiHandler } from '#http/api-handler';
import { recordsRoutes } from '#http/api/records-routes';

export const handler = apiHandler(recordsRoutes);
