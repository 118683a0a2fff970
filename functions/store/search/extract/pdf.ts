import { extractText, getDocumentProxy } from 'unpdf';
import { ExtractionFailed, type ExtractLimits, TextBudget } from '#core/search/limits';
import type { TextPart } from '#core/search/chunks';

// A PDF's text layer, page by page (a hit names its page). A scan has none: OCR may come later.

export async function pdfText(bytes: Uint8Array, limits: ExtractLimits): Promise<TextPart[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js refuses a Buffer, and may detach what it is given: its own copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (e) {
    const name = (e as { name?: string })?.name;
    throw new ExtractionFailed(name === 'PasswordException' ? 'it is encrypted' : 'it is not a readable PDF');
  }
  if (pdf.numPages > limits.pages) throw new ExtractionFailed(`it has more than ${limits.pages} pages`);
  const budget = new TextBudget(limits.textBytes);
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page, i) => ({ label: `page ${i + 1}`, text: budget.take(page) }));
}
