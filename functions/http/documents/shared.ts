import * as z from 'zod';
import { contentDisposition } from '#core/documents/content-disposition';
import { DOWNLOAD_URL_TTL_SECONDS } from '#core/documents/download';
import { openSharedLink } from '#core/documents/share-links';
import { route } from '#http/route';

const Token = z.strictObject({
  token: z.string().min(1).max(256).describe('The token of a share link URL (it names its tenant, like an API key).'),
});

export const sharedRoutes = [
  route({
    method: 'GET',
    path: '/v1/shared/{token}',
    operationId: 'downloadShared',
    summary: 'Download through a share link (no API key): 302 to a presigned URL',
    tag: 'Share links',
    auth: 'public',
    ports: ['documents', 'presigner', 'tenancy'],
    errors: [410],
    description:
      'Counts the download (logged on the document). A revoked or unknown link, or one of a suspended tenant, is 404; an expired or used-up one 410. Served as an attachment with `nosniff`.',
    params: Token,
    success: { status: 302, description: 'Redirect to the file, valid 5 minutes', headers: ['location'] },
    handler: async ({ params }, { deps }) => {
      const shared = await openSharedLink(deps.documents, params.token, deps.tenancy);
      const url = await deps.presigner.download({
        objectKey: shared.objectKey,
        expiresIn: DOWNLOAD_URL_TTL_SECONDS,
        contentType: shared.contentType,
        contentDisposition: contentDisposition(shared.fileName),
      });
      // Every hit counts a download: no cache may answer in our place.
      return { status: 302, headers: { location: url, 'cache-control': 'no-store' } };
    },
  }),
];
