import { DomainError, invalid } from '#core/errors';
import { ENTITY, type Entity } from '#core/records/entities';
import type { TenantRecordSchema } from '#core/records/ports';

/** How a built-in field reads to a person and a client (the zod shapes in standard-fields.ts hold its rules). */
export interface BuiltInField {
  name: string;
  label: string;
  type: string;
}

/** A tenant's choice to require an optional built-in field (a company's `taxId`, the TIN). */
export interface BuiltInSetting {
  entity: Entity;
  name: string;
  required: boolean;
  updatedAt: string;
}

const f = (name: string, label: string, type = 'string'): BuiltInField => ({ name, label, type });

export const BUILT_IN_FIELDS: Record<Entity, BuiltInField[]> = {
  lead: [
    f('title', 'Title'),
    f('name', 'Name'),
    f('companyName', 'Company name'),
    f('email', 'Email', 'email'),
    f('phone', 'Phone', 'phone'),
    f('source', 'Source'),
    f('utm', 'UTM parameters', 'object'),
    f('stageId', 'Stage', 'stage'),
    f('comments', 'Comments', 'text'),
  ],
  contact: [
    f('firstName', 'First name'),
    f('lastName', 'Last name'),
    f('emails', 'Emails', 'email[]'),
    f('phones', 'Phones', 'phone[]'),
    f('position', 'Position'),
    f('companyId', 'Company', 'company'),
    f('personalCode', 'Personal code (isikukood)'),
  ],
  company: [
    f('name', 'Name'),
    f('taxId', 'Tax id (TIN)'),
    f('registrationNumber', 'Registration number'),
    f('address', 'Address', 'object'),
    f('website', 'Website', 'url'),
    f('industry', 'Industry'),
    f('peppolId', 'Peppol id'),
  ],
  deal: [
    f('title', 'Title'),
    f('pipelineId', 'Pipeline', 'pipeline'),
    f('stageId', 'Stage', 'stage'),
    f('amount', 'Amount', 'money'),
    f('currency', 'Currency'),
    f('lineItems', 'Line items', 'object[]'),
    f('expectedCloseDate', 'Expected close date', 'date'),
    f('paymentTermDays', 'Payment term (days)', 'number'),
    f('source', 'Source'),
    f('utm', 'UTM parameters', 'object'),
    f('contactIds', 'Contacts', 'contact[]'),
    f('companyId', 'Company', 'company'),
  ],
};

/** Always set by the product (pipeline and stage), so requiring them means nothing. */
const NOT_REQUIRABLE = new Set(['pipelineId', 'stageId']);

export const builtInField = (entity: Entity, name: string): BuiltInField | undefined =>
  BUILT_IN_FIELDS[entity].find((b) => b.name === name);

/** The built-in fields a create of `entity` must carry: the product's own and those the tenant requires. */
export function requiredBuiltIns(schema: TenantRecordSchema, entity: Entity): string[] {
  const chosen = (schema.builtIns ?? []).filter((s) => s.entity === entity && s.required).map((s) => s.name);
  return [...new Set([...ENTITY[entity].required, ...chosen])];
}

export const isEmptyValue = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Tenant-required built-ins missing after a create or cleared by a patch: `VALIDATION` naming each. */
export function checkRequiredBuiltIns(
  schema: TenantRecordSchema,
  entity: Entity,
  fields: Record<string, unknown>,
  given: Record<string, unknown>,
  isCreate: boolean,
): void {
  const missing = requiredBuiltIns(schema, entity).filter(
    (name) => (isCreate || name in given) && isEmptyValue(fields[name]),
  );
  if (missing.length)
    invalid(
      'Some required fields are missing.',
      missing.map((path) => ({ path, message: 'Required.' })),
    );
}

/** The setting a PATCH of a built-in field asks for; only `required` can change, and only on optional fields. */
export function builtInSetting(
  entity: Entity,
  name: string,
  patch: Record<string, unknown>,
  at: string,
): BuiltInSetting {
  const extra = Object.keys(patch).filter((k) => k !== 'required' && patch[k] !== undefined);
  if (extra.length)
    invalid(
      `${name} is a built-in field: only "required" can change.`,
      extra.map((k) => ({ path: k, message: 'cannot change on a built-in field' })),
    );
  if (typeof patch.required !== 'boolean') invalid('Send "required".', [{ path: 'required', message: 'Required.' }]);
  if (ENTITY[entity].required.includes(name) || NOT_REQUIRABLE.has(name))
    throw new DomainError('VALIDATION', `${name} is always set on a ${entity}; its requirement cannot change.`, [
      { path: 'required', message: `cannot change for ${name}` },
    ]);
  return { entity, name, required: patch.required as boolean, updatedAt: at };
}
