import * as z from 'zod';
import { DomainError, type FieldError } from '#core/errors';
import { idPattern } from '#core/ids';
import { ENTITIES, ID_PREFIX } from '#core/records/entities';
import { MAX_LINKS, sameLink, type RecordLink } from '#core/documents/document';
import { sanitiseFileName } from '#core/documents/file-name';

/** S3's limit for one PUT, 5 GiB (binary, like every quota figure: see core/quota/plans.ts). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;

const TOKEN = '[a-z0-9!#$&^_.+-]+';
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;\\s*${TOKEN}=(${TOKEN}|"[^"\\\\\\r\\n]*"))*$`, 'i');

/** 32 bytes in padded base64 (S3's ChecksumSHA256 form): 43 characters and one '='. */
export const isSha256Base64 = (s: string): boolean =>
  /^[A-Za-z0-9+/]{43}=$/.test(s) && Buffer.from(s, 'base64').length === 32;

export const LinkInput = z.object({ entity: z.enum(ENTITIES), id: z.string().max(64) }).strict();

export const UploadRequest = z
  .object({
    fileName: z.string().min(1).max(1024),
    contentType: z.string().max(255).regex(MEDIA_TYPE, 'must be a media type like application/pdf'),
    size: z.number().int().min(1).max(MAX_UPLOAD_BYTES),
    sha256: z.string().refine(isSha256Base64, 'must be the base64 SHA-256 of the file (32 bytes, 44 characters)'),
    links: z.array(LinkInput).max(MAX_LINKS).optional(),
    documentId: z.string().regex(idPattern('doc'), 'must be a document id').optional(),
  })
  .strict();

export type UploadRequestInput = z.output<typeof UploadRequest>;

export interface UploadInput {
  fileName: string;
  /** True when the name was changed by sanitising; the response shows the name kept. */
  fileNameChanged: boolean;
  contentType: string;
  size: number;
  sha256: string;
  links: RecordLink[];
  documentId?: string;
}

export function checkLinks(links: RecordLink[], path: string): FieldError[] {
  return links.flatMap((link, i) =>
    idPattern(ID_PREFIX[link.entity]).test(link.id)
      ? []
      : [{ path: `${path}.${i}.id`, message: `must be a ${link.entity} id` }],
  );
}

export const uniqueLinks = (links: RecordLink[]): RecordLink[] =>
  links.filter((link, i) => links.findIndex((other) => sameLink(link, other)) === i);

/** The body of `POST /v1/uploads` (of UploadRequest's shape), checked further and normalised; 400 with every failing field. */
export function normaliseUploadRequest(input: UploadRequestInput): UploadInput {
  const errors = checkLinks(input.links ?? [], 'links');
  const name = sanitiseFileName(input.fileName);
  if (!name.ok) errors.push({ path: 'fileName', message: name.message });
  // A version belongs to a document whose links are its own: change them with PATCH.
  if (input.documentId && input.links?.length)
    errors.push({
      path: 'links',
      message: 'must be omitted when uploading a new version (documentId); PATCH the document to change links',
    });
  if (errors.length || !name.ok) throw new DomainError('VALIDATION', 'The upload request is invalid.', errors);
  return {
    fileName: name.name,
    fileNameChanged: name.changed,
    contentType: input.contentType,
    size: input.size,
    sha256: input.sha256,
    links: uniqueLinks(input.links ?? []),
    ...(input.documentId ? { documentId: input.documentId } : {}),
  };
}
