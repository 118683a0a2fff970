import type { CrmRecord } from '#core/records/record';

// What of a record is searched: every text it holds (names, emails, phones, tax ids, company names,
// titles, addresses, comments, custom text fields), not its references, codes or tracking. A
// personal code is never made searchable (core/records/entities.ts keeps it on the record only).

const LEFT_OUT = new Set(['personalCode', 'utm', 'stageId', 'pipelineId', 'currency', 'expectedCloseDate']);

function texts(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (!/Ids?$/.test(k) && k !== 'id') texts(v, out);
}

/** How the record is named in lists: its title, a person's name, a company's name. */
export function recordTitle(record: Pick<CrmRecord, 'entity' | 'fields'>): string {
  const f = record.fields as Record<string, unknown>;
  const name = [f.firstName, f.lastName].filter((s) => typeof s === 'string').join(' ');
  const title = record.entity === 'contact' ? name : (f.title ?? f.name);
  return typeof title === 'string' && title ? title : '';
}

export function recordText(record: Pick<CrmRecord, 'fields' | 'custom'>): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(record.fields)) if (!LEFT_OUT.has(k) && !/Ids?$/.test(k)) texts(v, out);
  texts(record.custom, out);
  return out.join('\n');
}
