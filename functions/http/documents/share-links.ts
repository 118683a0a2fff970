import * as z from 'zod';
import { createShareLink, listShareLinks, revokeShareLink, ShareLinkRequest } from '#core/documents/share-links';
import { Ref } from '#core/records/standard-fields';
import { publicUrl } from '#http/public-url';
import { created, noContent, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { CreatedShareLink, ShareLinkList } from '#http/documents/schemas';

const tag = 'Share links';
const LinkPath = z.strictObject({ id: Ref('doc').describe('A doc_ id.'), linkId: Ref('shl').describe('A shl_ id.') });

export const shareLinkRoutes = [
  route({
    method: 'POST',
    path: '/v1/documents/{id}/share-links',
    operationId: 'createShareLink',
    summary: 'Create a public download link (owner or admin)',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    description:
      '`expiresIn` in seconds (at most 30 days), optional `maxDownloads`. The URL is shown once; every download through it is logged on the document.',
    params: idParam('doc'),
    body: ShareLinkRequest,
    notReplayed: ['url'],
    example: { expiresIn: 604800, maxDownloads: 10 },
    success: { status: 201, schema: CreatedShareLink, description: 'The link with its public URL (shown once)' },
    handler: async ({ params, body, headers }, { caller, deps }) => {
      const { link, token } = await createShareLink(deps.documents, caller, params.id, body);
      return created({ ...link, url: publicUrl(headers, `/v1/shared/${token}`) });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/documents/{id}/share-links',
    operationId: 'listShareLinks',
    summary: "A document's share links and their state (never their tokens)",
    tag,
    auth: 'tenant',
    ports: ['documents'],
    params: idParam('doc'),
    success: { status: 200, schema: ShareLinkList, description: 'Every link, revoked and expired ones included' },
    handler: async ({ params }, { caller, deps }) =>
      ok({ items: await listShareLinks(deps.documents, caller, params.id) }),
  }),
  route({
    method: 'DELETE',
    path: '/v1/documents/{id}/share-links/{linkId}',
    operationId: 'revokeShareLink',
    summary: 'Revoke a share link at once',
    tag,
    auth: 'tenant',
    ports: ['documents'],
    params: LinkPath,
    success: { status: 204, description: 'Revoked: the URL answers 404 from now on' },
    handler: async ({ params }, { caller, deps }) => {
      await revokeShareLink(deps.documents, caller, params.id, params.linkId);
      return noContent();
    },
  }),
];
