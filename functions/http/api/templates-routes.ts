import { generateRoutes } from '#http/routes/generate';
import { sequenceRoutes } from '#http/routes/sequences';
import { templateRoutes } from '#http/routes/templates';

/** What the templates-api Lambda serves (infra/catalog.ts names this module). */
export const templatesApiRoutes = [...templateRoutes, ...sequenceRoutes, ...generateRoutes];
export default templatesApiRoutes;
