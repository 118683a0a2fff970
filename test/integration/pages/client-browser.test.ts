import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { call, expectStatus } from '../api-client';
import { mailTo, unique } from '../sending/mailbox';
import { eventually } from '#test/support/eventually';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';
import { offerWorld, sendOffer, sendsOf, timeline } from './client-world';

// The client's page in headless Chromium, from the emailed link: the client opens it (the view
// reaches the timeline and the sends), accepts (the certificate arrives by email, the deal moves) or
// declines, at 360 px and 1280 px, in Estonian and English. Every page is checked with axe-core and
// saved as a screenshot (test-output/pages/client-*.png).

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

/** What every page must be: accessible, no wider than the screen, nothing from another origin. */
async function checked(page: Page, requests: string[], width: number, name: string) {
  const base = inject('apiUrl');
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width,
  );
  // The logo is inline (a data: URL): no request for it leaves the page.
  expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'))).toEqual([]);
  await screenshot(page, name);
}

const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAH0lEQVR4nGNgaGCgDTEqPir+n4GBgYGBgYGBgWGQigMAkZsQ7/q34CEAAAAASUVORK5CYII=';

describe("the client's page in a browser", () => {
  for (const [width, lang] of [
    [360, 'et'],
    [1280, 'en'],
  ] as const)
    it(`the client opens the emailed link and accepts (${width} px, ${lang}): the view on the timeline, the certificate by email, the deal moved`, async () => {
      const base = inject('apiUrl');
      const o = await offerWorld({
        name: lang === 'et' ? 'Näidis Ehitus OÜ' : 'Example Build Ltd',
        profile: { locale: lang, accentColor: '#1d6b4f', logo: LOGO },
        stage: true,
      });
      const to = unique(`client-${lang}`);
      const { token } = await sendOffer(o, to);
      const { page, requests } = await newPage(browser, width);
      const res = await page.goto(`${base}/s/${token}`, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe(lang);
      // The PDF's frame and its type (the headless shell has no PDF viewer to look at).
      const frameSrc = await page.$eval('iframe', (e) => e.getAttribute('src'));
      expect(frameSrc).toBe(`/s/${token}/file`);
      expect(requests).toContain(`${base}/s/${token}/file`);
      await checked(page, requests, width, `client-offer-${lang}-${width}`);

      // The view: on the send and on the document's and deal's timelines.
      const [send] = await sendsOf(o);
      expect(send.views).toBeGreaterThanOrEqual(1);
      expect(send.viewedAt).toEqual(expect.any(String));
      expect((await timeline(o.t.ownerKey, `/v1/deals/${o.deal.id}`)).some((e) => e.type === 'document_viewed')).toBe(
        true,
      );

      // Submitting without the box ticked: the error by the box, the name kept.
      await page.type('#accept-name', 'Jane Client');
      await Promise.all([page.waitForNavigation(), page.click('#accept-h ~ form button[type=submit]')]);
      expect(await page.$eval('#accept-confirm', (e) => e.getAttribute('aria-invalid'))).toBe('true');
      expect(await page.$eval('#accept-name', (e) => (e as any).value)).toBe('Jane Client');
      await checked(page, requests, width, `client-offer-error-${lang}-${width}`);

      await page.click('#accept-confirm');
      await Promise.all([page.waitForNavigation(), page.click('#accept-h ~ form button[type=submit]')]);
      const heading = await page.$eval('h1', (e) => e.textContent);
      expect(heading).toBe(lang === 'et' ? 'Aitäh! Olete pakkumisega nõustunud' : 'Thank you: you accepted the offer');
      await checked(page, requests, width, `client-accepted-${lang}-${width}`);
      await page.close();

      const mail = await eventually(
        async () =>
          (await mailTo(to)).find((m) =>
            m.attachments.some((a) => a.filename?.includes('certificate') || a.filename?.includes('tõend')),
          ),
        { timeoutMs: 60_000, label: 'the acceptance certificate email' },
      );
      expect(mail.attachments[0].contentType).toBe('application/pdf');
      const deal = expectStatus(await call('GET', `/v1/deals/${o.deal.id}`, { key: o.t.ownerKey }), 200).body;
      expect(deal.stageId).toBe(o.won.id);
    }, 120_000);

  for (const [width, lang] of [
    [1280, 'et'],
    [360, 'en'],
  ] as const)
    it(`the client declines with a reason (${width} px, ${lang})`, async () => {
      const base = inject('apiUrl');
      const o = await offerWorld({ profile: { locale: lang } });
      const { token } = await sendOffer(o, unique(`decline-${lang}`));
      const { page, requests } = await newPage(browser, width);
      expect((await page.goto(`${base}/s/${token}`, { waitUntil: 'load' }))?.status()).toBe(200);
      await page.type('#decline-name', 'Jane Client');
      await Promise.all([page.waitForNavigation(), page.click('#decline-h ~ form button[type=submit]')]);
      expect(await page.$eval('#decline-reason', (e) => e.getAttribute('aria-invalid'))).toBe('true');
      // Shown again scrolled to the form, not at the top of a long page where the error is out of sight.
      expect(await page.evaluate(() => (globalThis as any).scrollY)).toBeGreaterThan(0);
      await checked(page, requests, width, `client-decline-error-${lang}-${width}`);
      await page.type('#decline-reason', lang === 'et' ? 'Hind on liiga kõrge.' : 'The price is too high.');
      await Promise.all([page.waitForNavigation(), page.click('#decline-h ~ form button[type=submit]')]);
      expect(await page.$eval('h1', (e) => e.textContent)).toBe(
        lang === 'et' ? 'Olete pakkumisest loobunud' : 'You declined the offer',
      );
      await checked(page, requests, width, `client-declined-${lang}-${width}`);
      await page.close();
      expect((await timeline(o.t.ownerKey, `/v1/documents/${o.doc.id}`)).some((e) => e.type === 'offer_declined')).toBe(
        true,
      );
    }, 60_000);

  it('a used-up link is a 410 page in the reader’s language, accessible', async () => {
    const base = inject('apiUrl');
    const o = await offerWorld({ profile: { locale: 'et' } });
    const link = expectStatus(
      await call('POST', `/v1/documents/${o.doc.id}/share-links`, {
        key: o.sender,
        body: { expiresIn: 3600, maxDownloads: 1 },
      }),
      201,
    ).body;
    const token = /(dsh\.[A-Za-z0-9._-]+)/.exec(link.url)![1];
    expect((await call('GET', `/v1/shared/${token}`)).status).toBe(302);
    const { page, requests } = await newPage(browser, 360);
    expect((await page.goto(`${base}/s/${token}?lang=et`, { waitUntil: 'load' }))?.status()).toBe(410);
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('Link ei ole enam kasutatav');
    await checked(page, requests, 360, 'client-used-up-et-360');
    await page.close();
  }, 60_000);
});
