import qrcode from 'qrcode-generator';
import { creditorReference } from '#core/templates/reference-number';

// The EPC QR code (EPC069-12, "SEPA credit transfer"): a banking app scans it and fills in the
// payee, IBAN, amount and reference. Version 002 lets the BIC be left out inside the EEA.

export interface PaymentQrInput {
  name: string;
  iban: string;
  bic?: string;
  currency: string;
  /** Major units. */
  amount: number;
  /** The Estonian reference number; travels as an ISO 11649 RF reference. */
  referenceNumber?: string;
  /** Used when there is no reference: free text for the payee (`Arve 2026-0042`). */
  text?: string;
}

const MAX_AMOUNT = 999_999_999.99;
const MAX_BYTES = 331;

/** The EPC069-12 payload, or undefined when the payment cannot be one (not EUR, no IBAN, amount out of range). */
export function epcPayload(p: PaymentQrInput): string | undefined {
  if (p.currency !== 'EUR' || !p.iban || !p.name.trim()) return undefined;
  if (!(p.amount >= 0.01 && p.amount <= MAX_AMOUNT)) return undefined;
  const structured = p.referenceNumber ? creditorReference(p.referenceNumber) : '';
  const lines = [
    'BCD',
    '002',
    '1', // UTF-8
    'SCT',
    p.bic ?? '',
    [...p.name.trim()].slice(0, 70).join(''),
    p.iban,
    `EUR${p.amount.toFixed(2)}`,
    '', // purpose
    structured,
  ];
  // Structured and unstructured remittance exclude each other; the free text gives way to the
  // 331-byte limit (a long name in non-Latin letters takes up to 280 bytes).
  const text = structured ? [] : [...(p.text ?? '')].slice(0, 140);
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const room = MAX_BYTES - bytes(lines.join('\n')) - 1;
  while (text.length && bytes(text.join('')) > room) text.pop();
  lines.push(text.join(''));
  while (lines[lines.length - 1] === '') lines.pop();
  const payload = lines.join('\n');
  return bytes(payload) <= MAX_BYTES ? payload : undefined;
}

/** The payload as an SVG QR code (error correction M, as EPC069-12 asks), in a data: URI for `<img src>`. */
export function qrSvgDataUri(payload: string): string {
  const qr = qrcode(0, 'M');
  // The library writes one byte per UTF-16 unit: hand it the UTF-8 bytes, one per unit.
  qr.addData(String.fromCharCode(...new TextEncoder().encode(payload)), 'Byte');
  qr.make();
  // The margin is in SVG units, not modules: 4 modules of quiet zone, as scanners need.
  const svg = qr.createSvgTag({ cellSize: 4, margin: 16, scalable: true });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The EPC QR of a payment as a data: URI, or undefined when it cannot have one. */
export function paymentQr(p: PaymentQrInput): string | undefined {
  const payload = epcPayload(p);
  return payload ? qrSvgDataUri(payload) : undefined;
}
