import type { LambdaDeps } from '#http/route';
import { formRoutes } from '#http/intake/forms';
import { intakeRoutes } from '#http/intake/intake';
import { submissionRoutes } from '#http/intake/submissions';

/** What the intake-api Lambda serves (infra/catalog.ts names this module). */
export const intakeApiRoutes = [...formRoutes, ...submissionRoutes, ...intakeRoutes];
/** The ports the intake-api Lambda is wired with: its routes' and the middy stack's. */
export type IntakeApiDeps = LambdaDeps<typeof intakeApiRoutes>;
export default intakeApiRoutes;
