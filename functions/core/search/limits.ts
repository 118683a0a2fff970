// Extraction is bounded, so a hostile or broken file costs a bounded amount and fails alone: its
// document says `textStatus: "failed"` with the reason, and nothing else is affected.

export const EXTRACT_LIMITS = {
  /** Wall time of one file's extraction, in its worker; past it the worker is terminated. */
  timeMs: 15_000,
  /** Text kept from one file. */
  textBytes: 50 * 1024 * 1024,
  /** Bytes inflated from one archive (DOCX, XLSX, ODT, ODS): a zip bomb stops here. */
  inflateBytes: 200 * 1024 * 1024,
  pages: 2_000,
} as const;

export type ExtractLimits = { -readonly [K in keyof typeof EXTRACT_LIMITS]: number };

/** Extraction stopped on purpose: the reason is shown on the document. */
export class ExtractionFailed extends Error {}

/** Counts the text taken so far against its budget. */
export class TextBudget {
  private bytes = 0;
  constructor(private readonly max: number) {}
  take(text: string): string {
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > this.max) throw new ExtractionFailed(`its text exceeds ${Math.round(this.max / 1048576)} MB`);
    return text;
  }
}
