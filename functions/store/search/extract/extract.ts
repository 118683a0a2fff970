import type { TextPart } from '#core/search/chunks';
import type { ExtractLimits } from '#core/search/limits';
import type { TextKind } from '#core/search/text-kind';
import { emlText } from '#store/search/extract/eml';
import { docxText, odsText, odtText, xlsxText } from '#store/search/extract/office';
import { pdfText } from '#store/search/extract/pdf';
import { decodeText, htmlText, plainText } from '#store/search/extract/plain';

/** One file's text by its kind (in the extraction worker, under its limits). */
export function extractParts(
  kind: TextKind,
  bytes: Uint8Array,
  limits: ExtractLimits,
): Promise<TextPart[]> | TextPart[] {
  switch (kind) {
    case 'pdf':
      return pdfText(bytes, limits);
    case 'docx':
      return docxText(bytes, limits);
    case 'odt':
      return odtText(bytes, limits);
    case 'xlsx':
      return xlsxText(bytes, limits);
    case 'ods':
      return odsText(bytes, limits);
    case 'plain':
      return plainText(bytes, limits);
    case 'html':
      return htmlText(decodeText(bytes), limits);
    case 'eml':
      return emlText(bytes, limits);
  }
}
