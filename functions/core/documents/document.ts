import type { EInvoiceStatus } from '#core/einvoice/status';
import type { Entity } from '#core/records/entities';
import type { Totals } from '#core/records/money';
import type { Role } from '#core/tenancy/caller';

export const VISIBILITIES = ['tenant', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const DOCUMENT_STATUSES = ['draft', 'in_approval', 'approved'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export type Access = 'read' | 'write';
/** An ACL entry names one user, or a role (granting every caller of that role or above). */
export type AclEntry = { userId: string; access: Access } | { role: Role; access: Access };

export interface RecordLink {
  entity: Entity;
  id: string;
}

/** A document links to at most this many records: one transaction must hold every back-link. */
export const MAX_LINKS = 50;

export interface DocumentVersion {
  documentId: string;
  number: number;
  size: number;
  /** Base64 SHA-256 of the bytes, as S3 reports `ChecksumSHA256`. */
  sha256: string;
  contentType: string;
  /** The upload's object; versions are ours, so each keeps its own object (bucket versioning off). */
  objectKey: string;
  fileName: string;
  createdAt: string;
  /** The uploader; their bytes count in usage `byUser`. */
  by: string;
  /** Set on a version a template made: what made it and the facts it states. */
  generated?: GeneratedVersion;
  /** Whether search could read the version's text; set by the indexer, absent until it has run. */
  text?: VersionText;
}

/**
 * `none`: a type search has no extractor for (found by name and tags only); `failed`: one that
 * could not be read (encrypted, corrupt, past a limit), with the reason.
 */
export const TEXT_STATUSES = ['extracted', 'none', 'failed'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];
export interface VersionText {
  status: TextStatus;
  reason?: string;
}

/** What a generated version was made from and states: pinned per version, since a regeneration may differ. */
export interface GeneratedVersion {
  templateId: string;
  templateVersion: number;
  /** SHA-256 (hex) of the data the template was rendered with. */
  dataHash: string;
  number?: string;
  /** A draft (`draft: true` on generation): marked DRAFT, with no number and no reference number. */
  draft?: true;
  issueDate: string;
  dueDate?: string;
  deliveryDate?: string;
  referenceNumber?: string;
  totals: Totals;
  /** The template's locale. */
  locale: string;
}

/** The facts a render states, as the render step hands them to the register step. */
export type RenderedFacts = Omit<GeneratedVersion, 'templateId' | 'templateVersion' | 'dataHash' | 'number' | 'draft'>;

export interface Document {
  id: string;
  tenantId: string;
  name: string;
  contentType: string;
  /** Size and checksum of the current version. */
  size: number;
  sha256: string;
  tags: string[];
  ownerId: string;
  links: RecordLink[];
  currentVersion: number;
  versionCount: number;
  visibility: Visibility;
  acl: AclEntry[];
  status: DocumentStatus;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency version of the document item (ETag), not a file version. */
  version: number;
  /** Set when a template made it: what made it, so it can be explained and reproduced. */
  generated?: GeneratedFrom;
  /** The last approval that approved it: which version (and its hash), by whom, when. */
  approved?: ApprovedVersion;
  /** A generated invoice's e-invoice (issue 22): its XML document when valid, else why there is none. */
  eInvoice?: EInvoiceStatus;
}

export interface ApprovedVersion {
  approvalId: string;
  version: number;
  sha256: string;
  by: string[];
  at: string;
}

export interface GeneratedFrom {
  templateId: string;
  templateVersion: number;
  /** SHA-256 (hex) of the data the template was rendered with. */
  dataHash: string;
  /** The sequence number it carries, when the template numbers its documents. */
  number?: string;
  sequenceId?: string;
  /** Generated as a draft: marked DRAFT, numberless. */
  draft?: true;
  /** The record it was rendered for, which a regeneration renders again (absent on older documents). */
  record?: RecordLink;
  jobId: string;
}

export const sameLink = (a: RecordLink, b: RecordLink): boolean => a.entity === b.entity && a.id === b.id;

/** The document as a new upload creates it. */
export function newDocument(v: DocumentVersion, tenantId: string, links: RecordLink[]): Document {
  return {
    id: v.documentId,
    tenantId,
    name: v.fileName,
    contentType: v.contentType,
    size: v.size,
    sha256: v.sha256,
    tags: [],
    ownerId: v.by,
    links,
    currentVersion: v.number,
    versionCount: 1,
    visibility: 'tenant',
    acl: [],
    status: 'draft',
    createdAt: v.createdAt,
    updatedAt: v.createdAt,
    version: 1,
  };
}

/** The document once `v` became its current version; name, tags, links and ACL stay. */
export function withVersion(doc: Document, v: DocumentVersion): Document {
  return {
    ...doc,
    contentType: v.contentType,
    size: v.size,
    sha256: v.sha256,
    currentVersion: v.number,
    versionCount: doc.versionCount + 1,
    updatedAt: v.createdAt,
    version: doc.version + 1,
  };
}
