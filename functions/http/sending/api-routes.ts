import type { LambdaDeps } from '#http/route';
import { documentSendRoutes } from '#http/sending/document-sends';

/** What the sending-api Lambda serves (infra/catalog.ts names this module). */
export const sendingApiRoutes = [...documentSendRoutes];
/** The ports the sending-api Lambda is wired with: its routes' and the middy stack's. */
export type SendingApiDeps = LambdaDeps<typeof sendingApiRoutes>;
export default sendingApiRoutes;
