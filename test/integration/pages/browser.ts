import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

// Headless Chromium for the pages' browser tests: the one the product ships (@sparticuz/chromium),
// driven by puppeteer-core. Nothing is downloaded; every request a page makes is recorded, so a
// test can say none left the origin.

const require = createRequire(import.meta.url);
/** Screenshots go here; .gitignore keeps them out of the repository (CI may keep them as artifacts). */
export const SHOTS = join(process.cwd(), 'test-output', 'pages');

export async function launchBrowser(): Promise<Browser> {
  const [{ default: chromium }, { default: puppeteer }] = await Promise.all([
    import('@sparticuz/chromium'),
    import('puppeteer-core'),
  ]);
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  return puppeteer.launch({ executablePath, args: chromium.args, headless: true, pipe: true });
}

export interface OpenedPage {
  page: Page;
  /** Every URL the page asked for, the document itself included. */
  requests: string[];
}

export async function newPage(browser: Browser, width: number): Promise<OpenedPage> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: width < 500 ? 740 : 900 });
  // axe is injected as a script; the pages' own CSP forbids every script (as it should).
  await page.setBypassCSP(true);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now, as `rule: targets` lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<any> } }).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return (result.violations as Array<{ id: string; nodes: Array<{ target: string[] }> }>).map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
