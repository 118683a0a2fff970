// RFC 6266 with RFC 8187 (ex-5987) `filename*`: every browser since 2011 reads `filename*`, and the
// plain `filename` is a printable-ASCII fallback for the rest. Both are built so that nothing in a
// user's file name can end the header or the parameter.

/** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

export function encodeRfc8187(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Printable ASCII only; quotes and backslashes replaced (not escaped: some clients mishandle `\"`). */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
    .replace(/[/]/g, '_')
    .replace(/%/g, '_')
    .trim();
  return ascii === '' || /^\.+$/.test(ascii) ? 'download' : ascii;
}

export function contentDisposition(fileName: string): string {
  const clean = fileName.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return `attachment; filename="${asciiFallback(clean)}"; filename*=UTF-8''${encodeRfc8187(clean.normalize('NFC'))}`;
}
