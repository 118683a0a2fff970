import type { Browser } from 'puppeteer-core';
import { DomainError } from '#core/errors';
import type { PdfLimits, PdfRenderer } from '#core/templates/ports';
import type { RenderedHtml } from '#core/templates/render-html';
import { sanitiseHtml } from '#store/templates/sanitise-html';

// One browser per process, kept across invocations (launch costs ~0.2 s, unpacking ~2 s once).
// Every page runs with JavaScript off and every request aborted except data: URIs: a template can
// name http://, file:// or the metadata address, and nothing is fetched.
//
// Interception only sees the page's own requests: the browser fetches prefetch and preconnect
// hints itself, and the header and footer are printed outside the page. So the browser has no
// network at all: every connection goes to a proxy on a port nothing listens on (loopback
// included, `<-loopback>` removes its implicit bypass), every host name resolves to nothing, and
// the prefetch machinery is off. The HTML is also sanitised (sanitise-html.ts).
const NO_NETWORK = [
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--dns-prefetch-disable',
  '--disable-background-networking',
];
const DISABLED_FEATURES = ['Prefetch', 'NoStatePrefetch', 'Prerender2'];

/** Chromium reads one --disable-features: ours join @sparticuz/chromium's instead of replacing them. */
export function launchArgs(base: string[]): string[] {
  const flag = '--disable-features=';
  const disabled = base.filter((a) => a.startsWith(flag)).flatMap((a) => a.slice(flag.length).split(','));
  return [
    ...base.filter((a) => !a.startsWith(flag)),
    `${flag}${[...new Set([...disabled, ...DISABLED_FEATURES])].filter(Boolean).join(',')}`,
    ...NO_NETWORK,
  ];
}

let browser: Promise<Browser> | undefined;

async function launch(): Promise<Browser> {
  const [{ default: chromium }, { default: puppeteer }] = await Promise.all([
    import('@sparticuz/chromium'),
    import('puppeteer-core'),
  ]);
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  // `pipe`: DevTools over the child's fds 3 and 4, not a WebSocket port. Chromium exits when the
  // pipe closes, so it dies with this process even on SIGKILL, and no port is opened.
  const b = await puppeteer.launch({ executablePath, args: launchArgs(chromium.args), headless: true, pipe: true });
  // A kept browser must not keep a process (tests, the local runtime) from exiting.
  const child = b.process();
  child?.unref();
  for (const fd of [3, 4]) (child?.stdio[fd] as { unref?: () => void } | null)?.unref?.();
  return b;
}

function getBrowser(): Promise<Browser> {
  browser ??= launch().then(
    (b) => {
      b.on('disconnected', () => {
        if (browser === current) browser = undefined;
      });
      return b;
    },
    (e) => ((browser = undefined), Promise.reject(e)),
  );
  const current = browser;
  return current;
}

const countPages = (pdf: Uint8Array): number =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length;

class RenderDeadline extends DomainError {
  constructor(ms: number) {
    super('VALIDATION', `The document took longer than ${ms} ms to render.`);
  }
}

async function renderOn(b: Browser, doc: RenderedHtml, limits: PdfLimits): Promise<Uint8Array> {
  // Started first: besides bounding the render, this timer keeps the process alive while it
  // waits on the browser's pipe, which is unref'd.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderDeadline(limits.timeoutMs)), limits.timeoutMs);
  });
  const opened = b.newPage();
  try {
    const work = (async () => {
      const page = await opened;
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
        headerTemplate: doc.header || '<span></span>',
        footerTemplate: doc.footer || '<span></span>',
        timeout: limits.timeoutMs,
      });
    })();
    work.catch(() => undefined); // lost the race to the deadline: its rejection is not news
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // A crashed browser never answers the close.
    if (b.connected) await opened.then((page) => page.close()).catch(() => undefined);
  }
}

// A template that crashes Chromium takes every page of the shared browser with it. Each render
// caught in that crash is tried once more, one at a time, each on a browser of its own: only the
// render that crashes its own browser again fails, and it fails as its template's fault (400),
// never as an outage (503). The shared browser is relaunched by the next render.

const CRASHED = Symbol('crashed');
/** How many times a render saw the shared browser fail under it: a deadline missed meanwhile may be that crash's. */
let sharedCrashes = 0;

/**
 * Whether a render's missed deadline was its own ('healthy'), or the shared browser's: a crash
 * another render saw meanwhile ('crashed'), or a browser that no longer answers ('unanswering').
 */
async function sharedHealth(b: Browser, crashesBefore: number): Promise<'healthy' | 'crashed' | 'unanswering'> {
  if (sharedCrashes !== crashesBefore || !b.connected) return 'crashed';
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    b.version().then(
      () => true,
      () => false,
    ),
    new Promise<false>((r) => (timer = setTimeout(r, 2_000, false))),
  ]);
  clearTimeout(timer);
  return answered ? 'healthy' : 'unanswering';
}

/** Stops handing out a shared browser that no longer answers, and ends it: the next render launches a new one. */
function abandon(b: Browser): void {
  void browser?.then(
    (current) => {
      if (current !== b) return;
      browser = undefined;
      b.process()?.kill('SIGKILL');
    },
    () => undefined,
  );
}
let retries: Promise<unknown> = Promise.resolve();

function serially<T>(run: () => Promise<T>): Promise<T> {
  const next = retries.then(run, run);
  retries = next.catch(() => undefined);
  return next;
}

async function onOwnBrowser(doc: RenderedHtml, limits: PdfLimits): Promise<Uint8Array | typeof CRASHED> {
  const b = await launch();
  try {
    return await renderOn(b, doc, limits);
  } catch (e) {
    if (!b.connected && !(e instanceof DomainError)) return CRASHED;
    throw e;
  } finally {
    await b.close().catch(() => undefined);
  }
}

/** Which part crashes the renderer: the body alone, else the header (the footer left out), else the footer. */
async function culprit(doc: RenderedHtml, limits: PdfLimits): Promise<'body' | 'header' | 'footer'> {
  if (!doc.header && !doc.footer) return 'body';
  if ((await onOwnBrowser({ ...doc, header: '', footer: '' }, limits)) === CRASHED) return 'body';
  if (!doc.header) return 'footer';
  if (!doc.footer) return 'header';
  return (await onOwnBrowser({ ...doc, footer: '' }, limits)) === CRASHED ? 'header' : 'footer';
}

async function retryAlone(doc: RenderedHtml, limits: PdfLimits): Promise<Uint8Array> {
  const pdf = await onOwnBrowser(doc, limits);
  if (pdf !== CRASHED) return pdf;
  const part = await culprit(doc, limits);
  throw new DomainError('VALIDATION', `The template's ${part} crashes the PDF renderer; change it and try again.`, [
    { path: part, message: 'crashes the PDF renderer (Chromium)' },
  ]);
}

export const chromiumPdf: PdfRenderer = {
  async render(doc, limits) {
    if (Buffer.byteLength(doc.html) > limits.maxBytes)
      throw new DomainError('PAYLOAD_TOO_LARGE', `The HTML is larger than the ${limits.maxBytes}-byte output cap.`);
    const safe: RenderedHtml = {
      html: sanitiseHtml(doc.html),
      header: sanitiseHtml(doc.header, { inlineOnly: true }),
      footer: sanitiseHtml(doc.footer, { inlineOnly: true }),
      paper: doc.paper,
    };
    const shared = await getBrowser();
    const crashesBefore = sharedCrashes;
    let pdf: Uint8Array;
    try {
      pdf = await renderOn(shared, safe, limits);
    } catch (e) {
      // A refusal (a deadline, a cap) is the render's own, unless the deadline passed because the
      // shared browser broke under it: a crash another render saw meanwhile, or a browser that no
      // longer answers at all (a crash can leave it hung rather than gone).
      if (e instanceof RenderDeadline) {
        const health = await sharedHealth(shared, crashesBefore);
        if (health === 'healthy') throw e;
        if (health === 'unanswering') abandon(shared);
      } else if (e instanceof DomainError) throw e;
      else sharedCrashes++;
      // Anything else is the shared browser failing under this render, most likely because another
      // render crashed it; it may not know yet (a page's call can fail before the pipe closes), so
      // `connected` cannot tell. Tried once more alone: a render that was only a bystander succeeds.
      pdf = await serially(() => retryAlone(safe, limits));
    }
    if (pdf.byteLength > limits.maxBytes)
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `The PDF is ${pdf.byteLength} bytes, over the ${limits.maxBytes}-byte output cap.`,
      );
    return { pdf, pages: countPages(pdf) };
  },
};

/**
 * Launches the shared browser ahead of the first render, while the function initialises (Lambda's
 * init phase; `npm start` loading the handlers): the launch is most of a cold render (about 1.2 of
 * 1.4 s here), and the first generation then waits for none. A launch that fails is tried again
 * by the next render.
 */
export function warmBrowser(): void {
  getBrowser().catch(() => undefined);
}

/** For tests and benchmarks that want a cold start in the same process. */
export async function closeBrowser(): Promise<void> {
  const b = await browser?.catch(() => undefined);
  browser = undefined;
  await b?.close();
}

/** For tests: the shared browser's process id, once it runs. */
export async function browserPid(): Promise<number | undefined> {
  return (await browser?.catch(() => undefined))?.process()?.pid;
}
