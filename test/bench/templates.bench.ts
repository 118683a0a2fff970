// Template budgets: HTML of the built-in offer with 50 line items ≥ 500/s (compiled once per
// version); a one-page offer PDF with a warm browser p50 ≤ 300 ms; the first PDF in a fresh process ≤ 5 s.
import { builtinContent } from '#core/templates/builtins';
import { renderHtml } from '#core/templates/render-html';
import { chromiumPdf, closeBrowser } from '#store/templates/chromium-pdf';
import { progress, report } from '#test/bench/lib/report';
import { median } from '#test/bench/lib/stats';
import { sampleDealData } from '#test/fixtures/templates/sample-data';

const limits = { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024 };
const offer = builtinContent('offer');

const start = performance.now();
const first = await chromiumPdf.render(renderHtml(offer, sampleDealData(6), 'bench/offer@1'), limits);
report('templates-first-pdf-fresh-process', performance.now() - start, 'ms', 5000, {
  pages: first.pages,
  bytes: first.pdf.byteLength,
});

const data50 = sampleDealData(50);
const rates: number[] = [];
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1000) {
    renderHtml(offer, data50, 'bench/offer@1');
    n++;
  }
  rates.push(n / ((performance.now() - t0) / 1000));
}
report('templates-html-offer-50-items', median(rates), 'renders/s', { min: 500, max: 1e9 }, { runs: rates.length });

const onePage = renderHtml(offer, sampleDealData(6), 'bench/offer@1');
const times: number[] = [];
let last = first;
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  last = await chromiumPdf.render(onePage, limits);
  times.push(performance.now() - t0);
}
progress(`warm PDF samples (ms): ${times.map(Math.round).join(' ')}`);
report('templates-pdf-offer-warm-p50', median(times), 'ms', 300, { pages: last.pages, bytes: last.pdf.byteLength });
await closeBrowser();
