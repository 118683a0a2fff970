import { fold, WORD } from '#core/search/words';

// A short excerpt around the first matched word, with matched words in <mark> and everything else
// HTML-escaped: a document's text is the author's, never markup.

const BEFORE = 60;
const LENGTH = 220;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Whether a word of the text is one the query asked for (folded; the typed prefix as a start). */
function matcher(marks: string[], prefix?: string): (word: string) => boolean {
  const set = new Set(marks);
  const start = prefix && fold(prefix);
  return (word) => {
    const f = fold(word);
    return set.has(f) || (start !== undefined && start.length > 1 && f.startsWith(start));
  };
}

export function snippet(text: string, marks: string[], prefix?: string): string {
  const matches = matcher(marks, prefix);
  const words = [...text.matchAll(WORD)];
  const first = words.find((w) => matches(w[0]));
  const at = first?.index ?? 0;
  let start = Math.max(0, at - BEFORE);
  // Start at a word's beginning, not inside one.
  if (start > 0) start = words.find((w) => w.index >= start)?.index ?? start;
  const end = Math.min(text.length, start + LENGTH);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const w of words) {
    const wEnd = w.index + w[0].length;
    if (w.index < start) continue;
    if (wEnd > end) break;
    out += escapeHtml(text.slice(pos, w.index));
    out += matches(w[0]) ? `<mark>${escapeHtml(w[0])}</mark>` : escapeHtml(w[0]);
    pos = wEnd;
  }
  const tail = text.slice(pos, end);
  out += escapeHtml(end < text.length ? tail.replace(/\S*$/, '') : tail);
  return (out.replace(/\s+/g, ' ').trim() + (end < text.length ? ' …' : '')).trim();
}
