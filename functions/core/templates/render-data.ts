import { createHash } from 'node:crypto';
import type { CrmRecord } from '#core/records/record';
import type { FieldDefinition } from '#core/records/field-definition';
import { minorUnits } from '#core/records/currencies';
import { lineNetMinor, type LineItem } from '#core/records/money';
import type { TenantProfile } from '#core/tenancy/profile';

/** Everything a render reads, gathered once; its hash is stored on the document it made. */
export interface RenderSources {
  record: CrmRecord;
  /** Records the main one links to (its company and contacts). */
  linked: CrmRecord[];
  fields: FieldDefinition[];
  tenant: { name: string; profile?: TenantProfile };
  user: { id: string; role: string };
  document: { number: string; date: string; name: string };
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

function lineItems(items: LineItem[], currency: string | undefined) {
  const minor = minorUnits(currency ?? 'EUR');
  return items.map((item, i) => {
    const net = lineNetMinor(item, minor);
    const tax = Math.round((net * item.taxRate) / 100);
    const unit = 10 ** minor;
    return { position: i + 1, ...item, net: net / unit, tax: tax / unit, gross: (net + tax) / unit };
  });
}

/** The template data model (JSON Schema: data-schema.ts). */
export function renderData(s: RenderSources): Data {
  const record = flatten(s.record, s.fields);
  const linked = s.linked.map((r) => ({ entity: r.entity, data: flatten(r, s.fields) }));
  const contacts =
    s.record.entity === 'contact' ? [record] : linked.filter((l) => l.entity === 'contact').map((l) => l.data);
  const company = s.record.entity === 'company' ? record : linked.find((l) => l.entity === 'company')?.data;
  const currency = record.currency as string | undefined;
  const items = lineItems((record.lineItems as LineItem[] | undefined) ?? [], currency);
  const totals = (record.totals as Data | undefined) ?? { net: 0, tax: 0, gross: 0 };
  return {
    record: { ...record, lineItems: items },
    contact: contacts[0] ?? {},
    contacts,
    company: company ?? {},
    lineItems: items,
    totals,
    currency: currency ?? 'EUR',
    tenant: { name: s.tenant.name, ...s.tenant.profile },
    document: s.document,
    user: s.user,
    locale: s.locale,
  };
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
