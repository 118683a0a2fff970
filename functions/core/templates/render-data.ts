import { createHash } from 'node:crypto';
import type { CrmRecord } from '#core/records/record';
import type { FieldDefinition } from '#core/records/field-definition';
import { minorUnits } from '#core/records/currencies';
import { computeTotals, lineNetMinor, taxCategoryOf, taxMinor, type LineItem, type Totals } from '#core/records/money';
import type { DocumentFacts } from '#core/templates/document-facts';
import { paymentQr } from '#core/templates/payment-qr';
import { PROFILE_DEFAULTS, type TenantProfile } from '#core/tenancy/profile';
import { referenceOf } from '#core/templates/reference-number';

/** Everything a render reads, gathered once; its hash is stored on the document it made. */
export interface RenderSources {
  record: CrmRecord;
  /** Records the main one links to (its company and contacts). */
  linked: CrmRecord[];
  fields: FieldDefinition[];
  tenant: { name: string; profile?: TenantProfile };
  /** `name` is who sends the document, absent when the user has none: an id is no signature. */
  user: { id: string; role: string; name?: string };
  /** The number is filled in later (`withNumber`), once it is taken; a draft has none. */
  document: DocumentFacts & { number: string; name: string; draft?: boolean };
  locale: string;
}

type Data = Record<string, unknown>;

function flatten(record: CrmRecord, fields: FieldDefinition[]): Data {
  const names = new Map(fields.filter((f) => f.entity === record.entity).map((f) => [f.id, f.name]));
  const custom = Object.fromEntries(
    Object.entries(record.custom).flatMap(([id, v]) => (names.has(id) ? [[names.get(id)!, v]] : [])),
  );
  const out: Data = {
    id: record.id,
    ownerId: record.ownerId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...record.fields,
    custom,
  };
  if (record.entity === 'contact') {
    const f = record.fields as { firstName?: string; lastName?: string; emails?: string[]; phones?: string[] };
    out.fullName = [f.firstName, f.lastName].filter(Boolean).join(' ');
    out.email = f.emails?.[0];
    out.phone = f.phones?.[0];
  }
  return out;
}

/**
 * Each line with its net, and the VAT of that line alone (for templates that print a VAT column);
 * what is due is `totals`, where VAT is computed once per rate.
 */
function lineItems(items: LineItem[], currency: string) {
  const minor = minorUnits(currency);
  return items.map((item, i) => {
    const net = lineNetMinor(item, minor);
    const tax = taxMinor(net, item.taxRate);
    const unit = 10 ** minor;
    return {
      position: i + 1,
      ...item,
      taxCategory: taxCategoryOf(item),
      net: net / unit,
      tax: tax / unit,
      gross: (net + tax) / unit,
    };
  });
}

/** The template data model (JSON Schema: data-schema.ts). */
export function renderData(s: RenderSources): Data {
  const record = flatten(s.record, s.fields);
  const linked = s.linked.map((r) => ({ entity: r.entity, data: flatten(r, s.fields) }));
  const contacts =
    s.record.entity === 'contact' ? [record] : linked.filter((l) => l.entity === 'contact').map((l) => l.data);
  const company = s.record.entity === 'company' ? record : linked.find((l) => l.entity === 'company')?.data;
  const currency = (record.currency as string | undefined) ?? 'EUR';
  const lines = (record.lineItems as LineItem[] | undefined) ?? [];
  const items = lineItems(lines, currency);
  // Computed now by the rule the deal API uses: totals stored with the record are never printed.
  const totals = computeTotals(lines, currency);
  const { number, name, draft = false, ...facts } = s.document;
  return {
    record: { ...record, lineItems: items, totals: lines.length ? totals : undefined },
    contact: contacts[0] ?? {},
    contacts,
    company: company ?? {},
    lineItems: items,
    totals,
    currency,
    tenant: { name: s.tenant.name, ...PROFILE_DEFAULTS, ...s.tenant.profile },
    document: { number, name, date: facts.issueDate, ...facts, draft },
    payment: {},
    user: s.user,
    locale: s.locale,
  };
}

type Numbered = {
  document: { number: string; referenceNumber?: string; draft?: boolean };
  tenant: TenantProfile & { name: string };
  payment: { qr?: string };
  totals: Totals;
  currency: string;
  locale: string;
};

/**
 * The data once the number is known: the number, the reference number derived from it (unless the
 * request gave one) and the EPC payment QR, which carries both.
 */
export function withNumber<D extends Record<string, any>>(data: D, number: string): D {
  const d = data as unknown as Numbered;
  d.document.number = number;
  if (d.document.draft) {
    // A draft is not for paying: no reference number (not even a given one) and no payment QR.
    delete d.document.referenceNumber;
    d.payment = {};
    return data;
  }
  const referenceNumber = d.document.referenceNumber ?? referenceOf(number);
  if (referenceNumber) d.document.referenceNumber = referenceNumber;
  const iban = d.tenant.bank?.iban;
  const qr = iban
    ? paymentQr({
        name: d.tenant.legalName ?? d.tenant.name,
        iban,
        bic: d.tenant.bank?.bic,
        currency: d.currency,
        amount: d.totals.gross,
        referenceNumber,
        text: number ? `${d.locale.startsWith('et') ? 'Arve' : 'Invoice'} ${number}` : undefined,
      })
    : undefined;
  d.payment = qr ? { qr } : {};
  return data;
}

/** Stable across key order, so the same data always has the same hash. */
export function dataHash(data: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Data)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(data)))
    .digest('hex');
}
