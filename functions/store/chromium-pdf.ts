import type { Browser } from 'puppeteer-core';
import { DomainError } from '#core/errors';
import type { PdfRenderer } from '#core/templates/ports';

// One browser per process, kept across invocations (launch costs ~0.2 s, unpacking ~2 s once).
// Every page runs with JavaScript off and every request aborted except data: URIs: a template can
// name http://, file:// or the metadata address, and nothing is fetched.

let browser: Promise<Browser> | undefined;

async function launch(): Promise<Browser> {
  const [{ default: chromium }, { default: puppeteer }] = await Promise.all([
    import('@sparticuz/chromium'),
    import('puppeteer-core'),
  ]);
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  const b = await puppeteer.launch({ executablePath, args: chromium.args, headless: true });
  b.on('disconnected', () => {
    browser = undefined;
  });
  // A kept browser must not keep a process (tests, the local runtime) from exiting.
  b.process()?.unref();
  return b;
}

const getBrowser = () => (browser ??= launch().catch((e) => ((browser = undefined), Promise.reject(e))));

const countPages = (pdf: Uint8Array): number =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length;

/** Chromium's header and footer run no script and fetch nothing either; strip any URL they name but data:. */
const inlineOnly = (html: string) => html.replace(/\b(src|href)\s*=\s*(["'])(?!data:)[^"']*\2/gi, '$1=""');

export const chromiumPdf: PdfRenderer = {
  async render(doc, limits) {
    if (Buffer.byteLength(doc.html) > limits.maxBytes)
      throw new DomainError('PAYLOAD_TOO_LARGE', `The HTML is larger than the ${limits.maxBytes}-byte output cap.`);
    const page = await (await getBrowser()).newPage();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DomainError('VALIDATION', `The document took longer than ${limits.timeoutMs} ms to render.`)),
        limits.timeoutMs,
      );
    });
    try {
      const work = (async () => {
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        page.on('request', (req) => {
          if (req.isInterceptResolutionHandled()) return;
          if (req.url().startsWith('data:')) void req.continue();
          else void req.abort('blockedbyclient');
        });
        await page.emulateMediaType('print');
        await page.setContent(doc.html, { waitUntil: 'load', timeout: limits.timeoutMs });
        const { paper } = doc;
        return page.pdf({
          format: paper.size,
          landscape: paper.orientation === 'landscape',
          margin: paper.margins,
          printBackground: true,
          displayHeaderFooter: Boolean(doc.header || doc.footer),
          headerTemplate: inlineOnly(doc.header) || '<span></span>',
          footerTemplate: inlineOnly(doc.footer) || '<span></span>',
          timeout: limits.timeoutMs,
        });
      })();
      const pdf = await Promise.race([work, deadline]);
      if (pdf.byteLength > limits.maxBytes)
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `The PDF is ${pdf.byteLength} bytes, over the ${limits.maxBytes}-byte output cap.`,
        );
      return { pdf, pages: countPages(pdf) };
    } finally {
      clearTimeout(timer);
      await page.close().catch(() => undefined);
    }
  },
};

/** For tests and benchmarks that want a cold start in the same process. */
export async function closeBrowser(): Promise<void> {
  const b = await browser?.catch(() => undefined);
  browser = undefined;
  await b?.close();
}
