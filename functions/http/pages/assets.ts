import * as z from 'zod';
import { errorPage } from '#http/pages/layout';
import { stylesheet } from '#http/pages/stylesheet';
import { pageLanguage } from '#http/pages/strings';
import { route } from '#http/route';

const Name = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(64)
    .describe('The stylesheet a page links to: `site.<hash>.css`, or `accent.<rrggbb>.css` for a tenant colour.'),
});

export const assetRoutes = [
  route({
    method: 'GET',
    path: '/pages/assets/{name}',
    operationId: 'pageAsset',
    summary: "A stylesheet of the approver's and client's pages",
    description:
      'Named by its content (or by the colour it sets), so it is cached for a year; an unknown name is a 404 page.',
    tag: 'Pages',
    auth: 'public',
    html: true,
    htmlError: (status, { headers }) => errorPage(status, pageLanguage(headers['accept-language'])),
    params: Name,
    success: { status: 200, description: 'The stylesheet.', contentType: 'text/css' },
    handler: async ({ params, headers }) => {
      const css = stylesheet(params.name);
      if (css === undefined) return errorPage(404, pageLanguage(headers['accept-language']));
      return {
        status: 200,
        bytes: Buffer.from(css, 'utf8'),
        headers: {
          'content-type': 'text/css; charset=utf-8',
          'cache-control': 'public, max-age=31536000, immutable',
        },
      };
    },
  }),
];
