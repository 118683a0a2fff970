import type { LambdaDeps } from '#http/route';
import { ENTITIES } from '#core/records/entities';
import { conversionRoutes } from '#http/routes/conversions';
import { fieldRoutes } from '#http/routes/fields';
import { pipelineRoutes } from '#http/routes/pipelines';
import { linkRoutes, recordRoutes } from '#http/routes/records';

/** What the records-api Lambda serves (infra/catalog.ts names this module). */
export const recordsApiRoutes = [
  ...ENTITIES.flatMap(recordRoutes),
  ...linkRoutes,
  ...pipelineRoutes,
  ...fieldRoutes,
  ...conversionRoutes,
];
/** The ports the records-api Lambda is wired with: its routes' and the middy stack's. */
export type RecordsApiDeps = LambdaDeps<typeof recordsApiRoutes>;
export default recordsApiRoutes;
