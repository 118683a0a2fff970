import { ENTITIES } from '#core/records/entities';
import { fieldRoutes } from '#http/routes/fields';
import { pipelineRoutes } from '#http/routes/pipelines';
import { linkRoutes, recordRoutes } from '#http/routes/records';

export const recordsRoutes = [...ENTITIES.flatMap(recordRoutes), ...linkRoutes, ...pipelineRoutes, ...fieldRoutes];
