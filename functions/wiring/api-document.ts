import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { config } from '#config';
import { DomainError } from '#core/errors';
import { logger } from '#observability/logger';

export type ApiDocument = Record<string, unknown>;

/**
 * Where the prebuilt OpenAPI document is: OPENAPI_DOCUMENT_FILE (the local runtime writes one at start),
 * else openapi.json beside the bundle, where bundling writes it (infra/catalog.ts, platform-api).
 */
export const apiDocumentPath = (): string =>
  config().OPENAPI_DOCUMENT_FILE ?? fileURLToPath(new URL('openapi.json', import.meta.url));

/**
 * The document, read once on its first request (most cold starts never serve it). Building it here
 * instead would put every capability's routes, and what they import, in the platform bundle.
 * A missing or broken file is a deployment error: a 500 that says so, never an empty document.
 */
export function apiDocumentFile(path: () => string = apiDocumentPath): () => Promise<ApiDocument> {
  let loaded: Promise<ApiDocument> | undefined;
  return () =>
    (loaded ??= read(path()).catch((e: unknown) => {
      loaded = undefined;
      throw e;
    }));
}

async function read(file: string): Promise<ApiDocument> {
  try {
    const document: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!document || typeof document !== 'object' || Array.isArray(document) || !('openapi' in document))
      throw new Error('not an OpenAPI document');
    return document as ApiDocument;
  } catch (e) {
    logger.error('OpenAPI document unreadable: it is generated into the platform-api bundle (infra/catalog.ts)', {
      file,
      error: e as Error,
    });
    throw new DomainError(
      'INTERNAL',
      'The OpenAPI document is missing from this deployment; the cause is logged under the x-request-id.',
    );
  }
}
