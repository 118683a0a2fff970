// What tagging costs: the 40-line built-in invoice (Estonian, 22 % and 9 % lines) printed by the
// same Chromium twice, tagged (what Dossier stores: a screen reader's structure tree) and untagged.
// Reported for information (the README says why the tags stay); the bytes per page are the figures.
import { launchArgs } from '#store/templates/chromium-pdf';
import { sanitiseHtml } from '#store/templates/sanitise-html';
import { builtinContent } from '#core/templates/builtins';
import { renderHtml } from '#core/templates/render-html';
import { report } from '#test/bench/lib/report';
import { sampleDealData, sampleLineItems } from '#test/fixtures/templates/sample-data';

const [{ default: chromium }, { default: puppeteer }] = await Promise.all([
  import('@sparticuz/chromium'),
  import('puppeteer-core'),
]);
const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
const browser = await puppeteer.launch({ executablePath, args: launchArgs(chromium.args), headless: true, pipe: true });

const data = sampleDealData(40, '2026-0001');
(data as any).lineItems = sampleLineItems(40).map((l, i) => ({ ...l, taxRate: i % 2 ? 9 : 22 }));
const doc = renderHtml({ ...builtinContent('invoice'), locale: 'et-EE', title: 'Arve 2026-0001' }, data);

async function print(tagged: boolean): Promise<{ bytes: number; pages: number }> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setContent(sanitiseHtml(doc.html), { waitUntil: 'load' });
  const pdf = await page.pdf({
    format: doc.paper.size,
    margin: doc.paper.margins,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: sanitiseHtml(doc.header, { inlineOnly: true }) || '<span></span>',
    footerTemplate: sanitiseHtml(doc.footer, { inlineOnly: true }) || '<span></span>',
    tagged,
  });
  await page.close();
  const pages = (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length;
  return { bytes: pdf.byteLength, pages };
}

const tagged = await print(true);
const untagged = await print(false);
report('pdf-invoice-40-lines-tagged-bytes-per-page', tagged.bytes / tagged.pages, 'bytes', null, tagged);
report('pdf-invoice-40-lines-untagged-bytes-per-page', untagged.bytes / untagged.pages, 'bytes', null, untagged);
report('pdf-invoice-40-lines-tagged-vs-untagged', tagged.bytes / untagged.bytes, 'ratio', null);
await browser.close();
