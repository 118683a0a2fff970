import { formRoutes } from '#http/routes/forms';
import { intakeRoutes } from '#http/routes/intake';
import { submissionRoutes } from '#http/routes/submissions';

/** What the intake-api Lambda serves (infra/catalog.ts names this module). */
export const intakeApiRoutes = [...formRoutes, ...submissionRoutes, ...intakeRoutes];
export default intakeApiRoutes;
