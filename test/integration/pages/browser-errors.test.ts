import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';

// The error pages in a real browser: readable at 360 px and 1280 px, in both languages, with no
// accessibility violation and no request outside the origin.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

describe('the pages in a browser: an unknown link', () => {
  for (const width of [360, 1280])
    for (const lang of ['et', 'en'] as const)
      it(`shows a 404 page at ${width} px in ${lang}, accessible, nothing loaded from elsewhere`, async () => {
        const base = inject('apiUrl');
        const { page, requests } = await newPage(browser, width);
        await page.setExtraHTTPHeaders({ 'accept-language': lang === 'et' ? 'et-EE,et;q=0.9' : 'en-GB,en;q=0.9' });
        const res = await page.goto(`${base}/pages/assets/unknown.css`, { waitUntil: 'load' });
        expect(res?.status()).toBe(404);
        expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe(lang);
        expect(await axeViolations(page)).toEqual([]);
        // The stylesheet applied (the CSP let it in): the page's background is the sheet's.
        expect(
          await page.$eval('body', (e) => (globalThis as any).getComputedStyle(e.parentElement).backgroundColor),
        ).toBe('rgb(244, 244, 242)');
        // Nothing wider than the screen: no sideways scrolling on a phone.
        expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          width,
        );
        expect(requests.every((u) => u.startsWith(base))).toBe(true);
        await screenshot(page, `not-found-${lang}-${width}`);
        await page.close();
      }, 30_000);
});
