import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '#core/templates/render-html';
import { DEFAULT_PAPER } from '#core/templates/template';
import { functions } from '#infra/catalog';
import { bundlingFor } from '#infra/constructs/bundling';
import { chromiumPdf, closeBrowser } from '#store/templates/chromium-pdf';

// Lambda has no system fonts: @sparticuz/chromium's fontconfig reads /var/task/fonts (the bundle)
// and the Open Sans it unpacks to /tmp/fonts. This file's browser sees exactly that, with the
// renderer's bundle copied to a temporary "task" folder, so a PDF here is a PDF there.

let task: string;
beforeAll(() => {
  task = mkdtempSync(join(tmpdir(), 'task-'));
  const hooks = bundlingFor(functions.find((f) => f.id === 'render-pdf')!).commandHooks!;
  for (const command of hooks.afterBundling(process.cwd(), task)) execSync(command);
  const conf = `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<dir>${task}/fonts</dir><dir>${join(tmpdir(), 'fonts')}</dir><cachedir>${task}/fonts-cache</cachedir></fontconfig>`;
  writeFileSync(join(task, 'fonts.conf'), conf);
  process.env.FONTCONFIG_FILE = join(task, 'fonts.conf'); // read when this process first launches Chromium
});
afterAll(async () => {
  await closeBrowser();
  rmSync(task, { recursive: true, force: true });
});

const fontsOf = (pdf: Uint8Array) =>
  [
    ...new Set(
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g),
    ),
  ].map((f) => f.replace(/.*\+/, ''));

describe('fonts on Lambda', () => {
  it('prints documents in the bundled DejaVu Sans (regular, bold, oblique), not the fallback Open Sans', async () => {
    const template = {
      body: '<h1>Offer</h1><p>Total <b>€1,190.00</b> <i>including VAT</i></p>',
      css: '',
      header: '',
      footer: '<div style="font-size:8pt;font-family:\'DejaVu Sans\'">Page <span class="pageNumber"></span></div>',
      paper: DEFAULT_PAPER,
      locale: 'en-US',
    };
    const { pdf } = await chromiumPdf.render(renderHtml(template, {}), { maxBytes: 10_000_000, timeoutMs: 20_000 });
    const fonts = fontsOf(pdf);
    expect(fonts).toEqual(expect.arrayContaining(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']));
    expect(fonts.filter((f) => !f.startsWith('DejaVuSans'))).toEqual([]);
  });
});
