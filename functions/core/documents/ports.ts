import type { OutboxEvent } from '#core/records/events';
import type { Clock } from '#core/clock';
import type { Page, PageRequest } from '#core/paging';
import type { TimelineEntry } from '#core/records/record';
import type { UsageDelta, UsageTotals } from '#core/quota/usage';
import type { UsageStore } from '#core/quota/ports';
import type { ReservationRule } from '#core/quota/reservation';
import type { Document, DocumentVersion, RecordLink } from '#core/documents/document';
import type { RelationType } from '#core/documents/relation';
import type { Upload, UploadStatus } from '#core/documents/upload';
import type { Actor } from '#core/actor';
import type { StoredFacts } from '#core/quota/reconcile';

// What the store must guarantee (every method is ONE DynamoDB round trip unless noted):
//
// reserveUpload   TransactWriteItems: Put upload (attribute_not_exists(pk)) + Update usage
//                 `ADD reservedBytes :s, committedPlusReserved :s` with the rule's condition
//                 (core/quota/reservation.ts) + Put the reservation's time-bucketed sweeper item
//                 (platform partition, bucket of holdUntil) + for kind 'version' ConditionCheck
//                 document exists + ConditionCheck every linked record exists (+ for kind 'version'
//                 Put the upload's copy in the document's partition, for pendingUploads). Map the cancellation
//                 reasons to the outcome: usage → 'quota' with the old item (ALL_OLD), record check
//                 → 'missing-links' naming them, document → 'document-gone'.
// commitUpload    TransactWriteItems: Update upload `status = completed` (condition status = pending)
//                 + Update usage `ADD` the delta (no quota condition) + Put version (attribute_not_exists)
//                 + Put/Update document (attribute_not_exists for a new one; `version = :expected`
//                 otherwise) + back-link items per link + timeline entries (document and linked
//                 records) + Delete the sweeper item (and a version upload's copy). Upload condition failed → 'not-pending';
//                 document condition → 'document-changed'; a link check → 'missing-links'.
// releaseUpload   TransactWriteItems: Update upload status (condition status = pending) + usage
//                 `ADD` the (negative) delta + Delete the sweeper item (and the document's copy of a
//                 version upload, as commitUpload does). false when not pending.
// pendingUploads  Query (consistent) of the upload copies in the document's partition: its version
//                 uploads still pending (deleting the document cancels them).
// saveDocument    TransactWriteItems: Put document (condition version = :expected) + back-link
//                 puts/deletes for the link diff (ConditionCheck added records exist, ConditionCheck
//                 each ACL user item exists) + its tag and name list copies (dropped tags deleted)
//                 + timeline entries (document and linked records); with `twin` (an invoice's
//                 e-invoice) the twin's Put (condition its version) and its copies in the same
//                 transaction: a failed twin condition is 'version-conflict' too.
// deleteDocument  TransactWriteItems (chunked past 100 items: document first, condition version):
//                 Delete document, its versions, back-links, relations both sides, share links +
//                 usage `ADD` removeDelta; with `twin`, the twin's Delete (condition its version)
//                 and back-links in the same transaction, its other items after, usage ADD once
//                 with both (the delta covers both). The objects are deleted after the commit.
// putRelation     TransactWriteItems: Put the relation item under both documents' partitions
//                 (attribute_not_exists) + ConditionCheck both documents exist; a duplicate is
//                 found by a deterministic sort key (type + other id; `related` in sorted order).
// countDownload   UpdateItem `ADD downloads :1` with condition `attribute_not_exists(revokedAt)
//                 AND expiresAt > :now AND (attribute_not_exists(maxDownloads) OR downloads < maxDownloads)`
//                 + the download's timeline entry on the document (same transaction).
// Reads (getDocument, getUpload, getUploadAndDocument as ONE BatchGetItem, getShareLink) are
// strongly consistent: they decide state changes. Every key leads with the tenant, so another
// tenant's id simply reads as absent.

export interface ObjectHead {
  size: number;
  /** Base64 SHA-256 when S3 holds one (the PUT was signed with x-amz-checksum-sha256). */
  sha256?: string;
}

export interface ObjectStore {
  head(key: string): Promise<ObjectHead | undefined>;
  delete(key: string): Promise<void>;
}

export type ReserveOutcome =
  | { ok: true }
  | { ok: false; reason: 'quota'; usage: UsageTotals }
  | { ok: false; reason: 'missing-links'; links: RecordLink[] }
  | { ok: false; reason: 'document-gone' };

export interface UploadCommit {
  upload: Upload;
  settledAt: string;
  version: DocumentVersion;
  document: Document;
  /** null: the document is new; otherwise the document item's version read before. */
  expectedDocumentVersion: number | null;
  delta: UsageDelta;
  /** Who the timeline names: the upload finaliser, unless the caller settles its own output (a render job). */
  actor?: Actor;
  /**
   * Whether this commit writes `document.created`/`document.version_added`. false for generated
   * output (a render's, an e-invoice's, a certificate's) settled by anyone but its owner's naming
   * step: the owner's save names it and announces it then, once, as it is (decision 0012).
   */
  announce: boolean;
}

export type CommitOutcome = 'committed' | 'not-pending' | 'document-changed' | { missingLinks: RecordLink[] };

export interface UploadRelease {
  upload: Upload;
  status: Extract<UploadStatus, 'rejected' | 'expired' | 'cancelled'>;
  reason: string;
  settledAt: string;
  delta: UsageDelta;
}

export interface LinkChange {
  added: RecordLink[];
  removed: RecordLink[];
  /** Tags the document lost: their list copies go with the save. */
  droppedTags?: string[];
}

/** An invoice's e-invoice twin, saved with the invoice in one transaction (its access follows the invoice's). */
export interface TwinSave {
  /** The twin as read: its `document.updated` says what the save changed of it. */
  current: Document;
  next: Document;
  expectedVersion: number;
  links: LinkChange;
}

/** missingLinks / missingUsers: ConditionChecks on added records and ACL users failed (400 naming them). */
export type SaveOutcome = 'saved' | 'version-conflict' | { missingLinks: RecordLink[]; missingUsers: string[] };

export interface Relation {
  id: string;
  tenantId: string;
  fromId: string;
  toId: string;
  type: RelationType;
  createdAt: string;
  by: string;
}

export interface ShareLink {
  id: string;
  tenantId: string;
  documentId: string;
  /** SHA-256 (hex) of the whole token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  maxDownloads: number | null;
  downloads: number;
  /** When the link was last opened. */
  lastDownloadAt?: string;
  revokedAt?: string;
  by: string;
  /** The file version the link was made for (absent on links made before versions were recorded). */
  documentVersion?: number;
  /** The sender asks the client to accept (or decline) the document as an offer. */
  acceptance?: boolean;
  /** The send whose email carries the link (a link send's). */
  sendId?: string;
  /** Page opens and file views through the link (the client's page, issue 23). */
  views?: number;
  firstViewedAt?: string;
  lastViewedAt?: string;
}

export interface DocumentsStore {
  getDocument(tenantId: string, id: string): Promise<Document | undefined>;
  getDocuments(tenantId: string, ids: string[]): Promise<Document[]>;
  getVersion(tenantId: string, documentId: string, number: number): Promise<DocumentVersion | undefined>;
  /** Oldest first. */
  listVersions(tenantId: string, documentId: string): Promise<DocumentVersion[]>;
  getUpload(tenantId: string, id: string): Promise<Upload | undefined>;
  /**
   * Both in one consistent BatchGetItem: the finaliser's first round trip. A batch may read the two
   * on either side of a transaction that writes both; `atomic` reads them as of one moment
   * (TransactGetItems), for a decision that must not see half of one.
   */
  getUploadAndDocument(
    tenantId: string,
    uploadId: string,
    documentId: string,
    opts?: { atomic?: boolean },
  ): Promise<{ upload?: Upload; document?: Document }>;
  reserveUpload(upload: Upload, rule: ReservationRule, delta: UsageDelta): Promise<ReserveOutcome>;
  commitUpload(commit: UploadCommit): Promise<CommitOutcome>;
  releaseUpload(release: UploadRelease): Promise<boolean>;
  /** Version uploads of the document still pending (or settled a moment ago: callers re-check). */
  pendingUploads(tenantId: string, documentId: string): Promise<Upload[]>;
  /**
   * `events` (core/documents/events.ts) commit in the same transaction: the save's own, and the
   * twin's. `version`, when given, is rewritten in the same transaction (a generated version's facts).
   */
  saveDocument(
    next: Document,
    expectedVersion: number,
    links: LinkChange,
    actor: Actor,
    events: OutboxEvent[],
    version?: DocumentVersion,
    twin?: TwinSave,
  ): Promise<SaveOutcome>;
  /**
   * false when the document (or `twin`, deleted with it) changed or vanished since it was read
   * (condition on its version). `delta` covers both.
   */
  deleteDocument(
    doc: Document,
    versions: DocumentVersion[],
    delta: UsageDelta,
    actor: Actor,
    twin?: Document,
  ): Promise<boolean>;
  putRelation(relation: Relation): Promise<'created' | 'duplicate' | 'document-gone'>;
  getRelation(tenantId: string, id: string): Promise<Relation | undefined>;
  listRelations(tenantId: string, documentId: string): Promise<Relation[]>;
  deleteRelation(relation: Relation): Promise<boolean>;
  /** Newest first: what happened to the document (created, versions, changes, links). */
  timeline(tenantId: string, documentId: string, page: PageRequest): Promise<Page<TimelineEntry>>;
}

export interface ShareLinkStore {
  putShareLink(link: ShareLink): Promise<void>;
  getShareLink(tenantId: string, id: string): Promise<ShareLink | undefined>;
  listShareLinks(tenantId: string, documentId: string): Promise<ShareLink[]>;
  revokeShareLink(tenantId: string, id: string, at: string): Promise<boolean>;
  countDownload(link: ShareLink, at: string): Promise<boolean>;
}

/** Told, after the commit and asynchronously on its side, that a document under approval got a new version. */
export interface DocumentVersionEvents {
  versionAdded(event: { tenantId: string; documentId: string; version: number }): Promise<void>;
}

/** Which e-invoice to validate: the invoice, and the job that made its XML (the generation it pins). */
export interface EInvoiceCheck {
  tenantId: string;
  documentId: string;
  jobId: string;
}

/** Hands an e-invoice to its Schematron validation, which runs later (validate-einvoice). Never throws: a lost one is found again. */
export interface EInvoiceChecks {
  request(check: EInvoiceCheck): Promise<void>;
}

export interface DocumentsDeps {
  documents: DocumentsStore;
  /** Absent where nothing listens (unit tests of documents alone). */
  versionEvents?: DocumentVersionEvents;
  /** Hands a stored e-invoice to its Schematron (validate-einvoice); absent where nothing does. */
  eInvoiceChecks?: EInvoiceChecks;
  objects: ObjectStore;
  usage: UsageStore;
  shareLinks: ShareLinkStore;
  clock: Clock;
}

/** A reservation the sweeper may settle: its holdUntil has passed. */
export interface DueReservation {
  tenantId: string;
  uploadId: string;
}

// Reservations sit in a few hash-sharded platform partitions sorted by holdUntil, so the sweeper
// reads what is due with one `Query` per shard and never scans.
export interface ReservationSweep {
  due(now: Date, limit: number): Promise<DueReservation[]>;
}

/** What reconcile recounts: the tenant's stored versions, live documents and pending reservations. */
export interface UsageFacts {
  facts(tenantId: string): Promise<StoredFacts>;
}
