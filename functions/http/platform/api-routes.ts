import type { LambdaDeps } from '#http/route';
import { adminHealthRoutes } from '#http/platform/admin-health';
import { adminTenantRoutes } from '#http/tenancy/admin-tenants';
import { apiKeyRoutes } from '#http/tenancy/api-keys';
import { healthRoutes } from '#http/platform/health';
import { openApiRoutes } from '#http/platform/openapi';
import { tenantRoutes } from '#http/tenancy/tenant';
import { userRoutes } from '#http/users/users';

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
