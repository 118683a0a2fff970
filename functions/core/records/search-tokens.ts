import type { CrmRecord } from '#core/records/record';
import { nameTokens } from '#core/records/normalize';

// Search items' sort keys: S#<token> for names (whole and each word), emails and phones, which
// serve prefix search and, followed by "#", exact lookup; X#<tax id> for companies. Each token
// is an item written in the record's transaction, so there is one per value and no more.
export function searchTokens(record: Pick<CrmRecord, 'entity' | 'fields'>): string[] {
  const f = record.fields as Record<string, string | string[] | undefined>;
  const emails = record.entity === 'contact' ? (f.emails as string[] | undefined) ?? [] : f.email ? [f.email as string] : [];
  const phones = record.entity === 'contact' ? (f.phones as string[] | undefined) ?? [] : f.phone ? [f.phone as string] : [];
  const names =
    record.entity === 'contact' ? nameTokens(f.firstName as string, f.lastName as string)
    : record.entity === 'company' ? nameTokens(f.name as string)
    : record.entity === 'lead' ? [...nameTokens(f.name as string), ...nameTokens(f.title as string)]
    : nameTokens(f.title as string);
  const tokens = [
    ...names.map((n) => `S#${n}`),
    ...emails.map((e) => `S#${e}`),
    ...phones.map((p) => `S#${p}`),
    ...(record.entity === 'company' && f.taxId ? [`X#${f.taxId}`] : []),
  ];
  return [...new Set(tokens)];
}

export function tokenDiff(before: string[], after: string[]): { add: string[]; remove: string[] } {
  const old = new Set(before);
  const now = new Set(after);
  return { add: after.filter((t) => !old.has(t)), remove: before.filter((t) => !now.has(t)) };
}
