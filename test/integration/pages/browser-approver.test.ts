import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { audit, tasksOf } from '../approvals/helpers';
import { approvalWorld, emailedLink } from './approver-world';
import { axeViolations, launchBrowser, newPage, screenshot } from './browser';

// The approver in a real browser, from the emailed link alone: reads the page, approves, and the
// approval moves on; rejects without a comment (refused at the field), then with one. At 360 px and
// 1280 px, in Estonian and English, with no accessibility violation and nothing from elsewhere.

const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAHUlEQVR4nGNsaPjPQApgIkn1qIZRDaMaRjUMJQ0AUr0B6wG0zzoAAAAASUVORK5CYII=';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => browser?.close());

const base = () => inject('apiUrl');
const widthOf = (page: Page) => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);

async function check(page: Page, requests: string[], width: number, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  expect(await widthOf(page), `${name}: no sideways scrolling`).toBeLessThanOrEqual(width);
  expect(
    requests.filter((u) => !u.startsWith(base()) && !u.startsWith('data:')),
    `${name}: nothing from elsewhere`,
  ).toEqual([]);
  await screenshot(page, name);
}

describe("the approver's page in a browser", () => {
  for (const [lang, width] of [
    ['en', 1280],
    ['et', 360],
  ] as const)
    it(`opens the emailed link, reads, approves, and the approval moves on (${lang}, ${width} px)`, async () => {
      const a = await approvalWorld({
        tenantName: lang === 'et' ? 'Kask ja Partnerid OÜ' : 'Northwind Legal Ltd',
        profile: { logo: LOGO, accentColor: '#0b6e4f', locale: lang },
      });
      const { page, requests } = await newPage(browser, width);
      const link = `${base()}/a/${a.token}`;
      const res = await page.goto(link, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      expect(await page.$eval('html', (e) => e.getAttribute('lang'))).toBe(lang);
      // The document in the page's frame, served as a PDF from the same origin.
      const src = await page.$eval('iframe', (e) => e.getAttribute('src'));
      expect(src).toBe(`/a/${a.token}/file`);
      expect(requests).toContain(`${link}/file`);
      await check(page, requests, width, `approver-${lang}-${width}`);

      await Promise.all([page.waitForNavigation(), page.click('button[name="decision"][value="approve"]')]);
      expect(await page.$eval('h1', (e) => e.textContent)).toBe(
        lang === 'et' ? 'Te kinnitasite dokumendi' : 'You approved the document',
      );
      expect(await page.$eval('main', (e) => e.textContent)).toContain(
        lang === 'et' ? 'Järgmine etapp: Board' : 'Next stage: Board',
      );
      await check(page, requests, width, `approved-${lang}-${width}`);
      // The next stage's task is open for Bob, who got his own link.
      await tasksOf(a.bob.key, a.approval.id);
      const bobLink = await emailedLink(a.bob);
      expect(bobLink).not.toBe(a.token);

      // Opening the link again: the task is closed, and the page says by whom.
      const again = await page.goto(link, { waitUntil: 'load' });
      expect(again?.status()).toBe(410);
      expect(await page.$eval('main', (e) => e.textContent)).toContain('Ada Lovelace');
      await check(page, requests, width, `closed-${lang}-${width}`);
      await page.close();
    }, 60_000);

  for (const [lang, width] of [
    ['et', 1280],
    ['en', 360],
  ] as const)
    it(`refuses a reject without a comment at the field, then rejects with one (${lang}, ${width} px)`, async () => {
      const a = await approvalWorld({ profile: { locale: lang } });
      const { page, requests } = await newPage(browser, width);
      await page.goto(`${base()}/a/${a.token}`, { waitUntil: 'load' });
      const refused = await Promise.all([
        page.waitForNavigation(),
        page.click('button[name="decision"][value="reject"]'),
      ]).then(([r]) => r);
      expect(refused?.status()).toBe(400);
      expect(await page.$eval('#comment', (e) => e.getAttribute('aria-invalid'))).toBe('true');
      expect(await page.$eval('#comment-error', (e) => e.textContent)).toBe(
        lang === 'et' ? 'Kirjutage, miks te dokumendi tagasi lükkate.' : 'Write why you reject the document.',
      );
      await check(page, requests, width, `reject-refused-${lang}-${width}`);
      expect((await audit(a.w.owner.key, a.approval.id)).tasks[0].status).toBe('open');

      await page.type('#comment', 'Clause 7 needs a notice period.');
      await Promise.all([page.waitForNavigation(), page.click('button[name="decision"][value="reject"]')]);
      expect(await page.$eval('h1', (e) => e.textContent)).toBe(
        lang === 'et' ? 'Te lükkasite dokumendi tagasi' : 'You rejected the document',
      );
      await check(page, requests, width, `rejected-${lang}-${width}`);
      const task = (await audit(a.w.owner.key, a.approval.id)).tasks[0];
      expect(task).toMatchObject({ status: 'rejected', decision: { comment: 'Clause 7 needs a notice period.' } });
      await page.close();
    }, 60_000);
});
