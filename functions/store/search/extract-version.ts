import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { DocumentVersion } from '#core/documents/document';
import type { ExtractedText } from '#core/search/index-changes';
import { EXTRACT_LIMITS } from '#core/search/limits';
import { textKind } from '#core/search/text-kind';
import { bucketName, s3 } from '#store/aws/s3';
import { extractInWorker } from '#store/search/extract-worker';

// A version's text: its object read from the documents bucket, read in the extraction worker.

/** Files past this are not read at all (an archive's text would be bounded anyway). */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

async function read(key: string): Promise<Uint8Array> {
  const { Body } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key }));
  const chunks: Buffer[] = [];
  for await (const chunk of Body as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function extractVersion(version: DocumentVersion): Promise<ExtractedText> {
  const kind = textKind(version.contentType, version.fileName);
  if (!kind) return { status: 'none', parts: [] };
  if (version.size > MAX_FILE_BYTES)
    return { status: 'failed', reason: `it is larger than ${MAX_FILE_BYTES / 1048576} MB`, parts: [] };
  const result = await extractInWorker(kind, await read(version.objectKey), { ...EXTRACT_LIMITS });
  return result.ok
    ? { status: 'extracted', parts: result.parts }
    : { status: 'failed', reason: result.reason, parts: [] };
}
