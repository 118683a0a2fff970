import { describe, expect, it } from 'vitest';
import { sanitiseFileName } from '#core/documents/file-name';

const kept = (raw: string) => {
  const r = sanitiseFileName(raw);
  if (!r.ok) throw new Error(r.message);
  return r.name;
};

describe('file name sanitising', () => {
  it('keeps an ordinary name unchanged', () => {
    expect(sanitiseFileName('Vertrag 2026 (final).pdf')).toEqual({
      ok: true,
      name: 'Vertrag 2026 (final).pdf',
      changed: false,
    });
  });

  it('keeps the last segment of a path, either separator', () => {
    expect(kept('../../etc/passwd')).toBe('passwd');
    expect(kept('C:\\Users\\ann\\scan.png')).toBe('scan.png');
    expect(kept('reports/')).toBe('reports');
  });

  it('removes control characters and direction overrides', () => {
    expect(kept('in\u0000vo\nice\u007f.pdf')).toBe('invoice.pdf');
    expect(kept('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(sanitiseFileName('a\tb').ok && sanitiseFileName('a\tb')).toMatchObject({ name: 'ab', changed: true });
  });

  it('normalises to NFC', () => {
    expect(kept('Cafe\u0301.txt')).toBe('Caf\u00e9.txt');
  });

  it('refuses a name that is empty, dots only, or only separators and controls', () => {
    for (const raw of ['   ', '\u0000\u0001', '/', '..', '../..', '\\\\']) expect(sanitiseFileName(raw).ok).toBe(false);
  });

  it('allows 255 UTF-8 bytes and refuses 256', () => {
    expect(kept('a'.repeat(251) + '.pdf')).toHaveLength(255);
    expect(sanitiseFileName('a'.repeat(252) + '.pdf')).toMatchObject({
      ok: false,
      message: expect.stringContaining('255 bytes'),
    });
    // 85 three-byte characters are 255 bytes, 86 are 258.
    expect(sanitiseFileName('€'.repeat(85)).ok).toBe(true);
    expect(sanitiseFileName('€'.repeat(86)).ok).toBe(false);
  });
});
