import { finaliseUpload } from '#core/documents/finalise-upload';
import type { RecordLink } from '#core/documents/document';
import { requestUpload } from '#core/documents/request-upload';
import type { TenantCaller } from '#core/tenancy/caller';
import { sha256Base64 } from './sha';
import type { World } from './memory-documents';

/** The whole client flow: request, PUT the bytes, the S3 event finalises. */
export async function uploadFile(
  world: World,
  caller: TenantCaller,
  file: { name?: string; text?: string; size?: number; links?: RecordLink[]; documentId?: string },
) {
  const text = file.text ?? 'hello';
  const size = file.size ?? Buffer.byteLength(text);
  const sha256 = sha256Base64(text);
  const ticket = await requestUpload(world.deps, caller, {
    fileName: file.name ?? 'contract.pdf',
    contentType: 'application/pdf',
    size,
    sha256,
    ...(file.links ? { links: file.links } : {}),
    ...(file.documentId ? { documentId: file.documentId } : {}),
  });
  world.put(ticket.objectKey, { size, sha256 }, Buffer.from(text));
  const settled = await finaliseUpload(world.deps, { key: ticket.objectKey });
  if (settled.status !== 'completed' || !settled.document)
    throw new Error(`upload did not complete: ${JSON.stringify(settled)}`);
  return { ticket, document: settled.document };
}
