import type { LambdaDeps } from '#http/route';
import { ENTITIES } from '#core/records/entities';
import { conversionRoutes } from '#http/conversion/conversions';
import { fieldRoutes } from '#http/records/fields';
import { pipelineRoutes } from '#http/records/pipelines';
import { linkRoutes, recordRoutes } from '#http/records/records';
import { eventRoutes } from '#http/records/events';
import { webhookRoutes } from '#http/webhooks/subscriptions';
import { deliveryLogRoutes } from '#http/webhooks/deliveries';
import { replayRoutes } from '#http/webhooks/replay';
import { testSendRoutes } from '#http/webhooks/test-send';

/** What the records-api Lambda serves (infra/catalog.ts names this module). */
export const recordsApiRoutes = [
  ...ENTITIES.flatMap(recordRoutes),
  ...linkRoutes,
  ...pipelineRoutes,
  ...fieldRoutes,
  ...conversionRoutes,
  ...eventRoutes,
  // Subscriptions beside the event feed they select from: one capability, the tenant's outbound events.
  ...webhookRoutes,
  // Their delivery: the log, a test send, replays (the delivery path's own routes).
  ...deliveryLogRoutes,
  ...testSendRoutes,
  ...replayRoutes,
];
/** The ports the records-api Lambda is wired with: its routes' and the middy stack's. */
export type RecordsApiDeps = LambdaDeps<typeof recordsApiRoutes>;
export default recordsApiRoutes;
