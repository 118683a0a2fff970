import { workerHtml } from '#store/templates/html-worker';

// Bundled by html-worker-bundle.test.ts as a Lambda entry is: the worker thread must start from
// the one-file bundle (import.meta.url is index.mjs there) and run the budgeted Handlebars stage.
const paper = {
  size: 'A4',
  orientation: 'portrait',
  margins: { top: '0', bottom: '0', left: '0', right: '0' },
} as const;
const part = (body: string) => ({ body, css: '', header: '', footer: '', paper, locale: 'en-US' });

export async function handler() {
  const html = workerHtml(() => ({ maxBytes: 10 * 1024 * 1024, timeMs: 2000 }));
  const items = Array.from({ length: 200 }, (_, i) => ({ name: `Line ${i}` }));
  const rendered = await html.render(part('<p>{{items.length}} lines</p>'), { items });
  const refused = await html
    .render(part('{{#each items}}{{#each ../items}}{{#each ../../items}}x{{/each}}{{/each}}{{/each}}'), { items })
    .then(
      () => 'rendered',
      (e: { code?: string; extensions?: { budget?: string } }) => `${e.code} ${e.extensions?.budget}`,
    );
  return { rendered: rendered.html.includes('<p>200 lines</p>'), refused };
}
