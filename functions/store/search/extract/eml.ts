import { simpleParser, type AddressObject } from 'mailparser';
import { type ExtractLimits, TextBudget } from '#core/search/limits';
import type { TextPart } from '#core/search/chunks';
import { htmlText } from '#store/search/extract/plain';

// An email as its headers (subject, from, to, cc, date) and its text part (else its HTML as text).
// Attachments are not read: a file worth finding is uploaded as a document of its own.

const addresses = (a: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(', ');

export async function emlText(bytes: Uint8Array, limits: ExtractLimits): Promise<TextPart[]> {
  const mail = await simpleParser(Buffer.from(bytes), { skipImageLinks: true, skipTextToHtml: true });
  const budget = new TextBudget(limits.textBytes);
  const headers = [
    mail.subject && `Subject: ${mail.subject}`,
    mail.from && `From: ${addresses(mail.from)}`,
    mail.to && `To: ${addresses(mail.to)}`,
    mail.cc && `Cc: ${addresses(mail.cc)}`,
    mail.date && `Date: ${mail.date.toISOString()}`,
  ].filter(Boolean);
  const body = mail.text ?? (typeof mail.html === 'string' ? htmlText(mail.html, limits)[0]!.text : '');
  return [{ text: budget.take(`${headers.join('\n')}\n\n${body}`) }];
}
