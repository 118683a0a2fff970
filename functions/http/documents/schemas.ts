import * as z from 'zod';
import { DOCUMENT_STATUSES, TEXT_STATUSES, VISIBILITIES } from '#core/documents/document';
import { RELATION_TYPES, INVERSE_LABEL } from '#core/documents/relation';
import { UPLOAD_STATUSES } from '#core/documents/upload';
import { ENTITIES } from '#core/records/entities';
import { ROLES } from '#core/tenancy/caller';
import { Tag } from '#core/documents/document-patch';
import { ID_PREFIX } from '#core/records/entities';
import { OwnerId } from '#core/records/standard-fields';
import {
  bound,
  checkRange,
  MediaTypeFilter,
  PageQuery,
  pageOf,
  Problem,
  Timestamp,
  Totals,
} from '#http/schemas/common';

// What the documents routes return. Closed objects, like record-out.ts: a property the document
// does not name fails the contract test.

const Sha256 = z.string().describe('Base64 SHA-256 of the bytes (44 characters).');
const RecordLinkOut = z.object({ entity: z.enum(ENTITIES), id: z.string() }).meta({ id: 'RecordLink' });
const AclEntryOut = z
  .union([
    z.object({ userId: z.string(), access: z.enum(['read', 'write']) }),
    z.object({ role: z.enum(ROLES), access: z.enum(['read', 'write']) }),
  ])
  .meta({ id: 'AclEntry', description: 'One user, or every caller of a role or above, and what they may do.' });

const EInvoiceOut = z
  .object({
    status: z
      .enum(['valid', 'invalid', 'pending', 'skipped', 'missing-data'])
      .describe(
        '`pending`: the XML passed the UBL 2.1 XSD and is stored; its EN 16931 and Peppol BIS Billing 3.0 Schematron runs asynchronously (about a second; poll the document); `valid`: the XML passed the UBL 2.1 XSD, EN 16931 and Peppol BIS Billing 3.0 rules; `invalid`: a fatal rule failed (`errors`), the XML is kept but not served; `missing-data`: the tenant or company lacks what an e-invoice needs (`missing`); `skipped`: none made (the tenant has not opted in with `profile.eInvoicing`, a draft, HTML).',
      ),
    documentId: z
      .string()
      .optional()
      .describe('On the invoice: its XML document (once stored: pending, valid or invalid).'),
    invoiceId: z.string().optional().describe('On the XML document: the invoice it belongs to.'),
    kind: z.enum(['Invoice', 'CreditNote']).optional(),
    errors: z
      .array(z.object({ rule: z.string(), message: z.string(), path: z.string() }))
      .optional()
      .describe('The fatal rules failed (`BR-CO-15`), each with where in the XML.'),
    warnings: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("What the XML approximates (a unit sent as `C62`) and the rules' warnings."),
    missing: z
      .array(z.string())
      .optional()
      .describe('The fields to fill in (`tenant.profile.bank.iban`, `company.address.countryCode`).'),
  })
  .meta({ id: 'EInvoiceStatus' });

const TextStatusOut = z.enum(['pending', ...TEXT_STATUSES]).meta({ id: 'TextStatus' });
const TEXT_STATUS_MEANING =
  '`pending` until the search indexer has read it (seconds after the upload); `extracted`: found by what it says; `none`: a type without text (images; found by its name and tags); `failed`: the file could not be read (encrypted, corrupt, or past a limit of time, bytes or pages), with `textReason`.';

export const DocumentOut = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int().describe('Bytes of the current version.'),
    sha256: Sha256,
    tags: z.array(z.string()),
    ownerId: z.string(),
    links: z.array(RecordLinkOut),
    currentVersion: z.number().int(),
    versionCount: z.number().int(),
    visibility: z.enum(VISIBILITIES),
    acl: z.array(AclEntryOut),
    status: z.enum(DOCUMENT_STATUSES),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int().describe('Incremented by every change; sent back as the ETag.'),
    approved: z
      .object({
        approvalId: z.string(),
        version: z.number().int().describe('The file version approved.'),
        sha256: Sha256,
        by: z.array(z.string()).describe('The users whose decisions approved it.'),
        at: Timestamp,
      })
      .optional()
      .describe('Set by the last approval that approved the document.'),
    generated: z
      .object({
        templateId: z.string(),
        templateVersion: z.number().int(),
        dataHash: z.string().describe('SHA-256 (hex) of the data the template was rendered with.'),
        number: z.string().optional(),
        sequenceId: z.string().optional(),
        draft: z.literal(true).optional().describe('Generated as a draft: marked DRAFT, with no number.'),
        record: RecordLinkOut.optional().describe('The record it was rendered for; a regeneration renders it again.'),
        jobId: z.string(),
      })
      .optional()
      .describe(
        'Set on documents generated from a template (POST /v1/documents/generate); the latest regeneration (POST /v1/documents/{id}/regenerate) replaces it.',
      ),
    eInvoice: EInvoiceOut.optional().describe(
      'Set on generated invoices: the e-invoice made beside the PDF (`valid`, with its XML document related by `e-invoice`), or why there is none. The latest regeneration replaces it.',
    ),
    textStatus: TextStatusOut.optional().describe(
      "Shown by `GET /v1/documents/{id}` (lists leave it out): whether search could read the current version's text. " +
        TEXT_STATUS_MEANING,
    ),
    textReason: z.string().optional().describe('Why the text could not be read (`textStatus: failed`).'),
  })
  .meta({ id: 'Document' });

export const DocumentPage = pageOf(DocumentOut, 'DocumentPage');

export const VersionOut = z
  .object({
    documentId: z.string(),
    number: z.number().int(),
    size: z.number().int(),
    sha256: Sha256,
    contentType: z.string(),
    fileName: z.string(),
    createdAt: Timestamp,
    by: z.string(),
    generated: z
      .object({
        templateId: z.string(),
        templateVersion: z.number().int(),
        dataHash: z.string().describe('SHA-256 (hex) of the data the template was rendered with.'),
        number: z.string().optional(),
        draft: z.literal(true).optional().describe('Generated as a draft: marked DRAFT, with no number.'),
        issueDate: z.string().describe('YYYY-MM-DD'),
        dueDate: z.string().optional().describe('YYYY-MM-DD'),
        deliveryDate: z.string().optional().describe('YYYY-MM-DD'),
        referenceNumber: z.string().optional().describe('The Estonian reference number (7-3-1) printed on it.'),
        totals: Totals.describe('The totals printed on it, computed when it was rendered.'),
        locale: z.string().describe("The template's locale."),
      })
      .optional()
      .describe('Set on a version a template made (POST /v1/documents/generate): what made it and what it states.'),
    textStatus: TextStatusOut.describe(`Whether search could read this version's text. ${TEXT_STATUS_MEANING}`),
    textReason: z.string().optional().describe('Why the text could not be read (`textStatus: failed`).'),
  })
  .meta({ id: 'DocumentVersion' });

export const VersionList = z
  .object({ items: z.array(VersionOut).describe('Newest first.') })
  .meta({ id: 'DocumentVersionList' });

export const UploadTicketOut = z
  .object({
    uploadId: z.string(),
    documentId: z.string(),
    url: z.string().describe('Presigned PUT; send the bytes with exactly `headers`.'),
    method: z.literal('PUT'),
    headers: z
      .record(z.string(), z.string())
      .describe('Signed into the URL: content-type, content-length and x-amz-checksum-sha256.'),
    expiresAt: Timestamp.describe('The URL stops working then (at most 15 minutes).'),
    fileName: z.string().describe('The name kept, after sanitising.'),
    fileNameChanged: z
      .boolean()
      .describe('True when path separators or control characters were removed from the name sent.'),
    size: z.number().int(),
    contentType: z.string(),
    sha256: Sha256,
  })
  .meta({ id: 'UploadTicket' });

export const UploadStatusOut = z
  .object({
    id: z.string(),
    status: z.enum(UPLOAD_STATUSES),
    documentId: z.string(),
    fileName: z.string(),
    size: z.number().int(),
    expiresAt: Timestamp,
    reason: z.string().optional().describe('Why the upload was rejected, expired or cancelled.'),
  })
  .meta({ id: 'Upload' });

export const RelationOut = z
  .object({
    id: z.string(),
    label: z
      .enum([...RELATION_TYPES, ...new Set(Object.values(INVERSE_LABEL))] as [string, ...string[]])
      .describe('The relation read from this document: `supersedes` on one side is `superseded-by` on the other.'),
    type: z.enum(RELATION_TYPES),
    direction: z.enum(['outgoing', 'incoming']),
    documentId: z.string().describe('The document at the other end.'),
    createdAt: Timestamp,
    by: z.string(),
  })
  .meta({ id: 'Relation' });

export const RelationList = z.object({ items: z.array(RelationOut) }).meta({ id: 'RelationList' });

export const ShareLinkOut = z
  .object({
    id: z.string(),
    documentId: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    maxDownloads: z.number().int().nullable(),
    downloads: z.number().int(),
    lastDownloadAt: Timestamp.optional().describe(
      'When the link was last opened (each opening is on the document timeline).',
    ),
    revokedAt: Timestamp.optional(),
    by: z.string(),
    documentVersion: z
      .number()
      .int()
      .optional()
      .describe('The file version the link was made for (absent on links made before it was recorded).'),
    acceptance: z.boolean().optional().describe('The client is asked to accept the document as an offer.'),
    sendId: z.string().optional().describe('The send whose email carries the link.'),
    views: z.number().int().optional().describe("Opens of the link's page and views of its file."),
    firstViewedAt: Timestamp.optional(),
    lastViewedAt: Timestamp.optional(),
    state: z.enum(['active', 'revoked', 'expired', 'used-up']),
  })
  .meta({ id: 'ShareLink', description: 'A share link, never its token.' });

export const CreatedShareLink = ShareLinkOut.extend({
  url: z
    .string()
    .optional()
    .describe(
      'The public download URL, `/v1/shared/<token>`, shown once: only a hash of the token is stored, so an idempotent replay (`Idempotent-Replayed: true`) omits it.',
    ),
}).meta({ id: 'CreatedShareLink' });

export const ShareLinkList = z.object({ items: z.array(ShareLinkOut) }).meta({ id: 'ShareLinkList' });

export const QuotaProblem = Problem.extend({
  code: z.literal('QUOTA_EXCEEDED'),
  usedBytes: z.number().int(),
  reservedBytes: z.number().int(),
  limitBytes: z.number().int(),
  requestedBytes: z.number().int(),
  memberShareBytes: z
    .number()
    .int()
    .optional()
    .describe(
      "Only on a member's refusal: the most one reservation of theirs may take now, half of the room left (limit − used − reserved).",
    ),
}).meta({
  id: 'QuotaProblem',
  description: "413 QUOTA_EXCEEDED: the plan's figures at the moment of refusal; nothing was reserved.",
});

export const EInvoiceProblem = Problem.extend({
  eInvoice: EInvoiceOut.optional().describe(
    "The invoice's `eInvoice` (on `/download`, the XML's own): `invalid` with the rules failed, or `pending`.",
  ),
}).meta({
  id: 'EInvoiceProblem',
  description:
    'A 409 on GET …/e-invoice (or on downloading the XML itself): the e-invoice failed validation (its XML is not served) or is still being validated.',
});

/** A 413 on an upload request is the quota (QuotaProblem) or, rarely, a JSON body over 1 MB (Problem). */
export const UploadTooLarge = z.union([QuotaProblem, Problem]);

const RECORD_ID = new RegExp(`^(${ENTITIES.map((e) => ID_PREFIX[e]).join('|')})_[0-9A-HJKMNP-TV-Z]{26}$`);
const FILTERS = ['recordId', 'namePrefix', 'tag', 'contentType', 'ownerId'] as const;
const TIMED = ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'] as const;

/** `GET /v1/documents`: one filter at a time (each is one Query), time ranges on the lists sorted by time. */
export const DocumentListQuery = PageQuery.extend({
  recordId: z
    .string()
    .regex(RECORD_ID, 'must be a lead, contact, company or deal id')
    .optional()
    .describe('Documents linked to this record, newest first.'),
  namePrefix: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .optional()
    .describe('Documents whose name starts so (case-insensitive), by name.'),
  tag: Tag.optional().describe('Documents with this tag (case-insensitive).'),
  contentType: MediaTypeFilter.optional().describe('Documents of this media type (parameters ignored).'),
  ownerId: OwnerId.optional().describe("One user's documents."),
  sort: z.enum(['created', 'updated']).optional(),
  order: z.enum(['asc', 'desc']).optional().describe('desc by default; asc for namePrefix.'),
  createdFrom: bound(false).optional(),
  createdTo: bound(true).optional(),
  updatedFrom: bound(false).optional(),
  updatedTo: bound(true).optional(),
}).superRefine((q, ctx) => {
  const given = FILTERS.filter((f) => q[f] !== undefined);
  for (const extra of given.slice(1))
    ctx.addIssue({ code: 'custom', path: [extra], message: `filter by one of ${FILTERS.join(', ')} at a time` });
  const untimed = q.recordId !== undefined ? 'recordId' : q.namePrefix !== undefined ? 'namePrefix' : undefined;
  if (untimed)
    for (const p of [...TIMED, 'sort'] as const)
      if (q[p] !== undefined) ctx.addIssue({ code: 'custom', path: [p], message: `does not combine with ${untimed}` });
  const created = q.createdFrom || q.createdTo;
  const updated = q.updatedFrom || q.updatedTo;
  if (created && updated)
    ctx.addIssue({ code: 'custom', path: ['updatedFrom'], message: 'filter by created or by updated time, not both' });
  if ((created && q.sort === 'updated') || (updated && q.sort === 'created'))
    ctx.addIssue({ code: 'custom', path: ['sort'], message: 'must match the time range filtered on' });
  checkRange(q, ctx, 'createdFrom', 'createdTo');
  checkRange(q, ctx, 'updatedFrom', 'updatedTo');
});
export type DocumentListQuery = z.output<typeof DocumentListQuery>;
