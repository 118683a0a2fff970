import type { LambdaDeps } from '#http/route';
import { generateRoutes } from '#http/templates/generate';
import { sequenceRoutes } from '#http/templates/sequences';
import { templateRoutes } from '#http/templates/templates';
import { spellcheckRoutes } from '#http/templates/spellcheck';

/** What the templates-api Lambda serves (infra/catalog.ts names this module). */
export const templatesApiRoutes = [...templateRoutes, ...sequenceRoutes, ...generateRoutes, ...spellcheckRoutes];
/** The ports the templates-api Lambda is wired with: its routes' and the middy stack's. */
export type TemplatesApiDeps = LambdaDeps<typeof templatesApiRoutes>;
export default templatesApiRoutes;
