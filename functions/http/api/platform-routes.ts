import type { LambdaDeps } from '#http/route';
import { adminHealthRoutes } from '#http/routes/admin-health';
import { adminTenantRoutes } from '#http/routes/admin-tenants';
import { apiKeyRoutes } from '#http/routes/api-keys';
import { healthRoutes } from '#http/routes/health';
import { openApiRoutes } from '#http/routes/openapi';
import { tenantRoutes } from '#http/routes/tenant';
import { userRoutes } from '#http/routes/users';

/** What the platform-api Lambda serves (infra/catalog.ts names this module). */
export const platformApiRoutes = [
  ...healthRoutes,
  ...openApiRoutes,
  ...adminTenantRoutes,
  ...adminHealthRoutes,
  ...tenantRoutes,
  ...apiKeyRoutes,
  ...userRoutes,
];
/** The ports the platform-api Lambda is wired with: its routes' and the middy stack's. */
export type PlatformApiDeps = LambdaDeps<typeof platformApiRoutes>;
export default platformApiRoutes;
