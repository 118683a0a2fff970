import type { IdempotencyStore } from '#core/platform/request-ports';
import type { ApiMiddleware, ApiRequest } from '#http/request-state';
import { beginIdempotent, settleIdempotent } from '#http/idempotency';
import { idempotencyScope } from '#http/idempotency-scope';
import { logger } from '#observability/logger';
import { withStandardHeaders } from '#http/middleware/request-context';
import { isMutating } from '#http/route';
import { rawBody } from '#http/request';

/** Every mutating route honours Idempotency-Key, scoped per API key, or per addressed resource on public routes. */
export const idempotent = (store: IdempotencyStore): ApiMiddleware => ({
  before: async (request: ApiRequest) => {
    const state = request.context.dossier;
    const key = state.headers['idempotency-key'];
    if (key === undefined || !isMutating(state.route!.method) || state.route!.ownIdempotency) return;
    const scope = idempotencyScope(state.caller, request.event.routeKey, request.event.pathParameters);
    const body = rawBody(request.event)?.toString('utf8') ?? '';
    const outcome = await beginIdempotent(store, scope, key, {
      routeKey: request.event.routeKey,
      rawPath: request.event.rawPath,
      rawQueryString: request.event.rawQueryString ?? '',
      body,
    });
    // An early response skips the other middlewares' `after`, so it carries its own request id.
    if (!('scope' in outcome)) return withStandardHeaders(outcome, state);
    state.idempotency = outcome;
  },
  after: async (request: ApiRequest) => {
    const state = request.context.dossier;
    const { idempotency: claimed, route } = state;
    if (!claimed) return;
    // The route has run: its answer stands. A failure to store it must not turn a committed write
    // into an error, nor release the claim (a retry would then run the write twice); the claim
    // stays locked until it lapses, and a retry meanwhile is told to wait.
    state.idempotency = undefined;
    await settleIdempotent(store, claimed, request.response!, route?.notReplayed).catch((e: unknown) =>
      logger.warn('idempotent response not stored', { error: e as Error }),
    );
  },
  onError: async (request: ApiRequest) => {
    const claimed = request.context.dossier?.idempotency;
    // When the store itself is down the release fails too: the claim then stays locked until it
    // lapses (see idempotency.ts), and the original error, not this one, is what the client sees.
    if (claimed)
      await settleIdempotent(store, claimed, { statusCode: 500 }).catch((e: unknown) =>
        logger.warn('idempotency claim not released', { error: e as Error }),
      );
  },
});
