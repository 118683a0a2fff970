import { listEvents } from '#core/outbox/read-events';
import { ok, route } from '#http/route';
import { EventPage, EventsQuery } from '#http/records/event-schemas';

/** GET /v1/events: the pull feed of the tenant's outbox, 30 days back. */
export const eventRoutes = [
  route({
    method: 'GET',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: "List the tenant's events (30 days), oldest first",
    description:
      'Every committed change of leads, contacts, companies, deals and documents (deletions included), every approval start, decision and end, every email sent and what SES reported of it, every view and answer on a share page, and every refused submission a form logged, for 30 days. Events of a document, and of its approvals, emails, views and answers, are listed to admins and owners, and to other roles only while they may read the document (a page may then hold fewer events than `limit`). Poll oldest first: keep the last `occurredAt` seen and ask again from it, skipping ids already seen (events committing within the same instant may arrive on the next poll).',
    tag: 'Events',
    auth: 'tenant',
    ports: ['events', 'records'],
    query: EventsQuery,
    success: { status: 200, schema: EventPage, description: 'A page of events' },
    handler: async ({ query, page }, ctx) => {
      const { limit: _limit, cursor: _cursor, ...q } = query;
      return ok(await listEvents(ctx.deps, ctx.caller, q, page));
    },
  }),
];
