import * as z from 'zod';
import { ENTITIES, type Entity } from '#core/records/entities';
import { DOCUMENT_EVENTS, EVENT_TYPES, type EventType } from '#core/records/events';
import { DocumentOut } from '#http/documents/schemas';
import { bound, checkRange, pageOf, PageQuery } from '#http/schemas/common';
import { envelope, Tombstone } from '#http/records/event-envelope';
import { APPROVAL_EVENT_SCHEMAS } from '#http/records/approval-event-schemas';
import { EmailEvent } from '#http/records/email-event-schemas';
import { PAGE_EVENT_SCHEMAS } from '#http/records/page-event-schemas';
import { SubmissionRejectedEvent } from '#http/records/form-event-schemas';
import { RECORD_NAME, RECORD_OUT } from '#http/records/record-out';

export const EventsQuery = PageQuery.extend({
  type: z
    .enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` })
    .optional()
    .describe('Only events of this type.'),
  from: bound(false).optional().describe('Events that occurred at or after this instant (a date: its start).'),
  to: bound(true).optional().describe('Events that occurred at or before this instant (a date: its end).'),
  order: z
    .enum(['asc', 'desc'])
    .default('asc')
    .describe('`asc` (the default): oldest first, the order to poll in; `desc`: newest first.'),
}).superRefine((q, ctx) => checkRange(q, ctx, 'from', 'to'));

const Previous = z
  .record(z.string(), z.unknown())
  .describe(
    "Changes: the changed members' earlier values as the API showed them (null: absent), custom fields under `customFields`.",
  );

const typesOf = (entity: Entity) =>
  EVENT_TYPES.filter((t) => t.startsWith(`${entity}.`) && !t.endsWith('.deleted')) as EventType[];

/** One schema per record kind (its types share `data`), and one for tombstones; discriminated by `type`. */
const recordEvent = (entity: Entity) =>
  z
    .object({
      ...envelope,
      type: z.enum(typesOf(entity) as [EventType, ...EventType[]]),
      data: RECORD_OUT[entity].describe(`The ${entity} at the version the change produced, as GET shows it.`),
      previous: Previous.optional(),
    })
    .meta({ id: `${RECORD_NAME[entity]}Event` });

const DeletedEvent = z
  .object({
    ...envelope,
    type: z.enum(ENTITIES.map((e) => `${e}.deleted`) as [EventType, ...EventType[]]),
    data: Tombstone,
  })
  .meta({ id: 'RecordDeletedEvent' });

const DocumentEvent = z
  .object({
    ...envelope,
    type: z.enum(DOCUMENT_EVENTS.filter((t) => t !== 'document.deleted') as [EventType, ...EventType[]]),
    data: DocumentOut.describe('The document at the version the change produced, as GET /v1/documents/{id} shows it.'),
    previous: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("`document.updated`: the changed members' earlier values as GET showed them (null: absent)."),
  })
  .meta({
    id: 'DocumentEvent',
    description:
      '`document.created` (an upload or a generated document settled), `document.version_added` (a new version settled), `document.updated` (name, tags, links, visibility, ACL or what a generation states). Listed to admins and owners, and to others while they may read the document.',
  });

const DocumentDeletedEvent = z
  .object({ ...envelope, type: z.literal('document.deleted'), data: Tombstone })
  .meta({ id: 'DocumentDeletedEvent', description: 'A deleted document: listed to admins and owners.' });

export const EventOut = z
  .discriminatedUnion('type', [
    recordEvent('lead'),
    recordEvent('contact'),
    recordEvent('company'),
    recordEvent('deal'),
    DeletedEvent,
    DocumentEvent,
    DocumentDeletedEvent,
    ...APPROVAL_EVENT_SCHEMAS,
    EmailEvent,
    ...PAGE_EVENT_SCHEMAS,
    SubmissionRejectedEvent,
  ])
  .meta({
    id: 'Event',
    description:
      'One committed change: `{id, type, tenantId, occurredAt, actor, data, previous?}`. `data` is the resource at the version the change produced; a deletion is a tombstone.',
  });

export const EventPage = pageOf(EventOut, 'EventPage');
