import { documentSendRoutes } from '#http/routes/document-sends';

/** What the sending-api Lambda serves (infra/catalog.ts names this module). */
export const sendingApiRoutes = [...documentSendRoutes];
export default sendingApiRoutes;
