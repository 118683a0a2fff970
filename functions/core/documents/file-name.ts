// A file name is shown back, put in Content-Disposition and used on download: it must not carry
// a path, control characters or direction overrides that disguise its extension ("txt.exe").
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const SEPARATORS = /[/\\]/;

export const MAX_FILE_NAME_BYTES = 255;

export type SanitisedName = { ok: true; name: string; changed: boolean } | { ok: false; message: string };

/**
 * NFC, the last segment of a path (clients like old browsers send `C:\dir\file.pdf`), control and
 * bidi characters removed, whitespace trimmed. Empty, dots only, or over 255 UTF-8 bytes is refused.
 */
export function sanitiseFileName(raw: string): SanitisedName {
  const segments = raw.normalize('NFC').split(SEPARATORS);
  const last = [...segments].reverse().find((s) => s.replace(CONTROLS, '').trim() !== '') ?? '';
  const name = last.replace(CONTROLS, '').trim();
  if (name === '' || /^\.+$/.test(name))
    return {
      ok: false,
      message: 'must name a file (nothing is left once path separators and control characters are removed)',
    };
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_FILE_NAME_BYTES)
    return { ok: false, message: `must be at most ${MAX_FILE_NAME_BYTES} bytes in UTF-8 (it is ${bytes})` };
  return { ok: true, name, changed: name !== raw };
}
