import { describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition, encodeRfc8187 } from '#core/documents/content-disposition';

// Parses the header the way RFC 6266 clients do, to prove what a browser would save.
function parse(header: string) {
  const m = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
  if (!m) throw new Error(`unparseable: ${header}`);
  return { fallback: m[1], name: decodeURIComponent(m[2]) };
}

describe('Content-Disposition', () => {
  it('sends a plain ASCII name twice', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('percent-encodes spaces and non-ASCII in filename* and transliterates the fallback', () => {
    expect(contentDisposition('Angebot für Müller.pdf')).toBe(
      `attachment; filename="Angebot fur Muller.pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller.pdf`,
    );
    expect(parse(contentDisposition('Договор №5.docx'))).toEqual({
      fallback: '_______ No5.docx',
      name: 'Договор №5.docx',
    });
    expect(parse(contentDisposition('契約書.pdf')).name).toBe('契約書.pdf');
    expect(parse(contentDisposition('😀.png')).name).toBe('😀.png');
  });

  it('cannot be broken out of by quotes, backslashes or semicolons', () => {
    const evil = 'a"; filename="evil.exe\\".pdf';
    const header = contentDisposition(evil);
    expect(parse(header)).toEqual({ fallback: 'a_; filename=_evil.exe__.pdf', name: evil });
  });

  it('drops control characters, so no header can be injected', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1\u0000.txt');
    expect(header).not.toMatch(/[\r\n\u0000]/);
    expect(parse(header).name).toBe('aSet-Cookie: x=1.txt');
  });

  it('encodes percent signs and apostrophes in filename*, never leaves them raw', () => {
    expect(encodeRfc8187("100% it's")).toBe('100%25%20it%27s');
    expect(asciiFallback('100%.txt')).toBe('100_.txt');
  });

  it('falls back to "download" when nothing printable is left', () => {
    expect(asciiFallback('')).toBe('download');
    expect(asciiFallback('..')).toBe('download');
  });
});
