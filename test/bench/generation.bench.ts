// Generation's budgets (issue 21): a warm API answers POST /v1/documents/generate within
// 1.5 × raw Chromium's page.pdf() + 60 ms (p50), for the one-page letter and the 40-line invoice;
// the first generation after start within 2 s. Raw is measured here, in the same run, on the same
// HTML (the very document the render step was handed), with the same binary and launch flags:
// a new page, setContent, page.pdf() with the template's paper, header and footer, close.
// Raw and generation samples alternate, so that a slow spell of the machine hits both alike.
// Issue 22 adds the invoice with its e-invoice: max(PDF budget, the XML's validation) + 60 ms.
import type { Browser } from 'puppeteer-core';
import type { RenderedHtml } from '#core/templates/render-html';
import { eInvoiceSchema } from '#store/einvoice/schema';
import { chromiumPdf, launchArgs } from '#store/templates/chromium-pdf';
import { Api, createTenant } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { progress, report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { median, percentile, round } from '#test/bench/lib/stats';

const SAMPLES = 25;
const RATIO = 1.5;
const FIXED_MS = 60;

// The runtime runs in this process: the render step's own renderer is this module's, so the HTML it
// is handed can be kept for the raw baseline (the bench observes; nothing is changed).
let lastDoc: RenderedHtml | undefined;
const render = chromiumPdf.render.bind(chromiumPdf);
chromiumPdf.render = (doc, limits) => {
  lastDoc = doc;
  return render(doc, limits);
};

async function rawBrowser(): Promise<Browser> {
  const [{ default: chromium }, { default: puppeteer }] = await Promise.all([
    import('@sparticuz/chromium'),
    import('puppeteer-core'),
  ]);
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  return puppeteer.launch({ executablePath, args: launchArgs(chromium.args), headless: true, pipe: true });
}

async function rawPdf(browser: Browser, doc: RenderedHtml): Promise<number> {
  const t0 = performance.now();
  const page = await browser.newPage();
  await page.setContent(doc.html, { waitUntil: 'load' });
  await page.pdf({
    format: doc.paper.size,
    landscape: doc.paper.orientation === 'landscape',
    margin: doc.paper.margins,
    printBackground: true,
    displayHeaderFooter: Boolean(doc.header || doc.footer),
    headerTemplate: doc.header || '<span></span>',
    footerTemplate: doc.footer || '<span></span>',
  });
  await page.close();
  return performance.now() - t0;
}

const lines = Array.from({ length: 40 }, (_, i) => ({
  name: `Õppeplatvormi arendus ${i + 1}`,
  quantity: (i % 3) + 1,
  unit: 'h',
  unitPrice: 12.5 + i,
  taxRate: i % 2 ? 9 : 22,
}));

await runBench('generation', () =>
  withRuntime(
    async (runtime) => {
      const tenant = await createTenant(runtime.apiUrl, runtime.adminKey, 'Generation bench');
      const api = new Api(runtime.apiUrl, tenant.key);
      await api.expect(200, 'PATCH', '/v1/tenant', {
        profile: {
          legalName: 'Õunapuu Tarkvara OÜ',
          registrationNumber: '12345678',
          taxId: 'EE123456789',
          address: { street: 'Tartu mnt 1', city: 'Tallinn', postalCode: '10115', country: 'Eesti' },
          bank: { name: 'Swedbank', iban: 'EE382200221020145685', bic: 'HABAEE2X' },
        },
      });
      const sequenceId = (
        await api.expect(201, 'POST', '/v1/sequences', { name: 'Arved', prefix: '{YYYY}-', padding: 4 })
      ).body.id;
      const company = (
        await api.expect(201, 'POST', '/v1/companies', { name: 'Šokolaadi Äri OÜ', registrationNumber: '87654321' })
      ).body;
      const contact = (
        await api.expect(201, 'POST', '/v1/contacts', {
          firstName: 'Jüri',
          lastName: 'Žukovski',
          companyId: company.id,
        })
      ).body;
      const deal = (
        await api.expect(201, 'POST', '/v1/deals', {
          title: 'Tarkvaraarendus',
          currency: 'EUR',
          lineItems: lines,
          companyId: company.id,
          contactIds: [contact.id],
        })
      ).body;
      const template = async (fromBuiltin: string) =>
        (
          await api.expect(201, 'POST', '/v1/templates', {
            fromBuiltin,
            name: fromBuiltin,
            locale: 'et-EE',
            ...(fromBuiltin === 'invoice' ? { sequenceId } : {}),
          })
        ).body.id as string;
      const cases = [
        {
          name: 'letter',
          templateId: await template('letter'),
          record: { entity: 'contact', id: contact.id as string },
          text: 'Saadame teile pakkumise ja ootame vastust nädala jooksul.',
        },
        { name: 'invoice-40-lines', templateId: await template('invoice'), record: { entity: 'deal', id: deal.id } },
      ];
      const generate = async (c: (typeof cases)[number]) => {
        const t0 = performance.now();
        const res = await api.call('POST', '/v1/documents/generate', {
          templateId: c.templateId,
          record: c.record,
          ...(c.text ? { text: c.text } : {}),
        });
        const ms = performance.now() - t0;
        if (res.status !== 201) throw new Error(`generate ${c.name}: ${res.status} ${JSON.stringify(res.body)}`);
        return { ms, pages: res.body.generated?.pages as number | undefined };
      };

      // Cold: the first generation after start (Chromium not yet launched in this process).
      const cold = await generate(cases[1]!);
      report('generation-cold-first', cold.ms, 'ms', 2000, { template: cases[1]!.name });

      const browser = await rawBrowser();
      try {
        for (const c of cases) {
          await generate(c);
          const doc = lastDoc!;
          for (let i = 0; i < 3; i++) await rawPdf(browser, doc);
          const raw: number[] = [];
          const gen: number[] = [];
          for (let i = 0; i < SAMPLES; i++) {
            raw.push(await rawPdf(browser, doc));
            gen.push((await generate(c)).ms);
          }
          const rawP50 = median(raw);
          const genP50 = median(gen);
          progress(`${c.name}: raw ${raw.map(Math.round).join(' ')}`);
          progress(`${c.name}: generate ${gen.map(Math.round).join(' ')}`);
          report(`generation-warm-${c.name}-p50`, genP50, 'ms', round(RATIO * rawP50 + FIXED_MS, 1), {
            rawPdfP50: round(rawP50, 1),
            ratio: round(genP50 / rawP50, 2),
            overMs: round(genP50 - rawP50, 1),
            p90: round(percentile(gen, 90), 1),
            htmlBytes: doc.html.length,
          });
        }

        // Issue 22: the same invoice with its e-invoice, whose XSD check runs beside Chromium (the
        // Schematron after the answer). Its budget is max(the PDF's budget, the XSD check) + 60 ms,
        // the XSD's figure measured here in the same process (warm, as the render-einvoice Lambda is).
        await api.expect(200, 'PATCH', '/v1/tenant', {
          profile: { eInvoicing: true, address: { countryCode: 'EE' } },
        });
        await api.expect(200, 'PATCH', `/v1/companies/${company.id}`, { address: { countryCode: 'EE' } });
        const invoice = cases[1]!;
        const first = await api.call('POST', '/v1/documents/generate', {
          templateId: invoice.templateId,
          record: invoice.record,
        });
        // The answer says pending (the Schematron runs afterwards, in validate-einvoice): wait for valid.
        for (let i = 0; ; i++) {
          const shown = (await api.call('GET', `/v1/documents/${first.body.id}`)).body?.eInvoice;
          if (shown?.status === 'valid') break;
          if (shown?.status !== 'pending' || i > 200) throw new Error(`e-invoice not valid: ${JSON.stringify(shown)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const xmlUrl = (await api.call('GET', `/v1/documents/${first.body.eInvoice.documentId}/download`)).headers.get(
          'location',
        )!;
        const xml = await (await fetch(xmlUrl)).text();
        const doc = lastDoc!;
        for (let i = 0; i < 3; i++) await Promise.all([rawPdf(browser, doc), eInvoiceSchema.validate(xml)]);
        const raw: number[] = [];
        const check: number[] = [];
        const gen: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          raw.push(await rawPdf(browser, doc));
          const t0 = performance.now();
          await eInvoiceSchema.validate(xml);
          check.push(performance.now() - t0);
          gen.push((await generate(invoice)).ms);
        }
        const rawP50 = median(raw);
        const checkP50 = median(check);
        const genP50 = median(gen);
        progress(`invoice-40-lines-einvoice: validate ${check.map(Math.round).join(' ')}`);
        progress(`invoice-40-lines-einvoice: generate ${gen.map(Math.round).join(' ')}`);
        report(
          'generation-warm-invoice-40-lines-einvoice-p50',
          genP50,
          'ms',
          round(Math.max(RATIO * rawP50, checkP50) + FIXED_MS, 1),
          {
            rawPdfP50: round(rawP50, 1),
            validationP50: round(checkP50, 1),
            p90: round(percentile(gen, 90), 1),
            xmlBytes: xml.length,
          },
        );
      } finally {
        await browser.close();
      }
    },
    { demo: false },
  ),
);
