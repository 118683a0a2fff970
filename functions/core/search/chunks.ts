// A document's text is indexed in chunks of at most 8 KB, each knowing its page or part, so a hit
// can say where in the document it is and a snippet is cut from the right place.

export const CHUNK_BYTES = 8 * 1024;

/** Text of one page (PDF), sheet (XLSX, ODS), or the whole (everything else). */
export interface TextPart {
  /** `page 3`, `sheet Prices`; absent for a document without parts. */
  label?: string;
  text: string;
}

export interface Chunk {
  part?: string;
  text: string;
}

/** Cut at whitespace where it can: a word is never split unless it alone outgrows a chunk. */
function cut(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest) > CHUNK_BYTES) {
    // Characters are at most 4 bytes: a quarter of the budget in characters always fits.
    let end = Math.floor(CHUNK_BYTES / 4);
    while (end < rest.length && Buffer.byteLength(rest.slice(0, end * 2)) <= CHUNK_BYTES) end *= 2;
    while (Buffer.byteLength(rest.slice(0, end)) > CHUNK_BYTES) end = Math.floor(end * 0.9);
    const space = rest.lastIndexOf(' ', end);
    const at = space > end / 2 ? space : end;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

export function chunksOf(parts: TextPart[]): Chunk[] {
  return parts.flatMap((p) => {
    const text = p.text.replace(/\s+/g, ' ').trim();
    return text ? cut(text).map((t) => ({ part: p.label, text: t })) : [];
  });
}
