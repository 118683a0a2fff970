import { idPattern } from '#core/ids';
import type { RecordLink } from '#core/documents/document';

/** `cancelled`: by its uploader or an admin (`DELETE /v1/uploads/{id}`), or because its document was deleted. */
export const UPLOAD_STATUSES = ['pending', 'completed', 'rejected', 'expired', 'cancelled'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** The presigned PUT lives at most 15 minutes. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
/** The reservation outlives the URL by this much, so a PUT begun just before expiry can land. */
export const RESERVATION_GRACE_SECONDS = 10 * 60;

export interface Upload {
  id: string;
  tenantId: string;
  documentId: string;
  /** The version this upload becomes; 1 for a new document. */
  kind: 'document' | 'version';
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  links: RecordLink[];
  by: string;
  objectKey: string;
  createdAt: string;
  /** When the presigned URL stops working. */
  expiresAt: string;
  /** When the sweeper may release the reservation. */
  holdUntil: string;
  status: UploadStatus;
  reason?: string;
  settledAt?: string;
  /** Set once completed: the version the upload became. */
  versionNumber?: number;
  /**
   * Generated output (templates): `size` is a cap reserved before the bytes exist, and the
   * object settles at its real size (and hash), at most the cap, like any other upload.
   */
  capped?: boolean;
}

// Objects live under the tenant's prefix and name their document and upload, so an S3 event
// names all three: the finaliser reads upload and document in one BatchGetItem (its budget is two
// DynamoDB round trips per object). The version keeps this key (no copy).
const KEY = /^t\/([^/]+)\/d\/([^/]+)\/([^/]+)$/;

export const uploadObjectKey = (tenantId: string, documentId: string, uploadId: string): string =>
  `t/${tenantId}/d/${documentId}/${uploadId}`;

/** The tenant, document and upload an object key names, or undefined for anything else in the bucket. */
export function parseUploadObjectKey(
  key: string,
): { tenantId: string; documentId: string; uploadId: string } | undefined {
  const m = KEY.exec(key);
  if (!m || !idPattern('ten').test(m[1]) || !idPattern('doc').test(m[2]) || !idPattern('upl').test(m[3]))
    return undefined;
  return { tenantId: m[1], documentId: m[2], uploadId: m[3] };
}

const addSeconds = (iso: string, s: number): string => new Date(Date.parse(iso) + s * 1000).toISOString();

export function uploadTimes(createdAt: string): Pick<Upload, 'createdAt' | 'expiresAt' | 'holdUntil'> {
  return {
    createdAt,
    expiresAt: addSeconds(createdAt, UPLOAD_URL_TTL_SECONDS),
    holdUntil: addSeconds(createdAt, UPLOAD_URL_TTL_SECONDS + RESERVATION_GRACE_SECONDS),
  };
}
