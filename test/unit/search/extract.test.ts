import { describe, expect, it } from 'vitest';
import { EXTRACT_LIMITS } from '#core/search/limits';
import { textKind } from '#core/search/text-kind';
import { extractParts } from '#store/search/extract/extract';
import { extractInWorker } from '#store/search/extract-worker';
import { docx, docxBomb, eml, pdf, xlsx } from '../../integration/search/fixtures';

const limits = { ...EXTRACT_LIMITS };
const textOf = async (kind: Parameters<typeof extractParts>[0], bytes: Buffer) =>
  (await extractParts(kind, bytes, limits)).map((p) => `${p.label ?? ''}|${p.text}`).join('\n');

describe('text extraction', () => {
  it('reads a PDF text layer page by page, Estonian letters intact', async () => {
    const text = await textOf('pdf', pdf(['Tarneleping Õunapuu OÜ', 'Garantii kestab 36 kuud, šokolaad ja žürii']));
    expect(text).toContain('page 1|Tarneleping Õunapuu OÜ');
    expect(text).toContain('page 2|Garantii kestab 36 kuud, šokolaad ja žürii');
  });

  it('reads DOCX paragraphs, XLSX cells by sheet, and an email with its headers', async () => {
    expect(await textOf('docx', docx(['Üürileping', 'Karu AS maksab õigel ajal']))).toContain(
      'Karu AS maksab õigel ajal',
    );
    expect(await textOf('xlsx', xlsx('Hinnad', ['Jäätis', 'Kõrvits 3 €']))).toBe('sheet Hinnad|Jäätis\tKõrvits 3 €');
    const mail = await textOf('eml', eml('Pakkumine: õunad', 'Tere! Saadame hinnapakkumise.'));
    expect(mail).toContain('Subject: Pakkumine: õunad');
    expect(mail).toMatch(/From: .*Mari Maasikas.* <mari@example\.ee>/);
    expect(mail).toContain('Saadame hinnapakkumise.');
  });

  it('reads HTML as its visible text only', async () => {
    const html = Buffer.from(
      '<html><head><title>x</title><style>.a{}</style></head><body><p>Nähtav &amp; tekst</p><script>peidus()</script></body></html>',
    );
    expect((await textOf('html', html)).replace(/\s+/g, ' ').trim()).toBe('| Nähtav & tekst');
  });

  it('stops a DOCX that inflates past its limit, and a PDF that is not one, with a reason', async () => {
    const bomb = await extractInWorker('docx', docxBomb(8), { ...limits, inflateBytes: 4 * 1024 * 1024 });
    expect(bomb).toEqual({ ok: false, reason: 'it inflates past 4 MB' });
    expect(await extractInWorker('pdf', Buffer.from('%PDF-1.4 nonsense'), limits)).toEqual({
      ok: false,
      reason: 'it is not a readable PDF',
    });
    const many = await extractInWorker('pdf', pdf(['a', 'b', 'c']), { ...limits, pages: 2 });
    expect(many).toEqual({ ok: false, reason: 'it has more than 2 pages' });
  });

  it('stops an extraction that outlasts its time by ending its worker; the next file is read', async () => {
    const slow = await extractInWorker('docx', docxBomb(40), { ...limits, timeMs: 50 });
    expect(slow).toEqual({ ok: false, reason: 'its extraction took longer than 0.05 s' });
    expect(await extractInWorker('plain', Buffer.from('järgmine fail'), limits)).toEqual({
      ok: true,
      parts: [{ text: 'järgmine fail' }],
    });
  });

  it('knows a kind by content type, or by name when the type is generic', () => {
    expect(textKind('application/pdf', 'x')).toBe('pdf');
    expect(textKind('application/octet-stream', 'Leping.DOCX')).toBe('docx');
    expect(textKind('image/png', 'scan.pdf')).toBeUndefined();
    expect(textKind('text/csv; charset=utf-8', 'a.csv')).toBe('plain');
  });
});
