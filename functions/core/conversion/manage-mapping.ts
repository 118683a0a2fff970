import { invalid, type FieldError } from '#core/errors';
import { now } from '#core/ids';
import { schemaOf } from '#core/records/schema-access';
import type { TenantCaller } from '#core/tenancy/caller';
import { compatible, type ConversionMapping, type FieldMappingRule } from '#core/conversion/mapping';
import type { ConversionDeps } from '#core/conversion/ports';

export const getMapping = async (deps: ConversionDeps, caller: TenantCaller): Promise<ConversionMapping> =>
  (await deps.conversions.getMapping(caller.tenantId)) ?? { fields: [], updatedAt: null as unknown as string };

/** `PUT /v1/conversion-mapping`: every rule names existing fields of compatible types and existing options. */
export async function putMapping(
  deps: ConversionDeps,
  caller: TenantCaller,
  rules: FieldMappingRule[],
): Promise<ConversionMapping> {
  const { fields } = await schemaOf(deps.records, caller);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `fields.${i}`;
    const key = `${rule.lead}>${rule.target}`;
    if (seen.has(key)) errors.push({ path: at, message: `a second rule for ${rule.lead} on the ${rule.target}` });
    seen.add(key);
    const from = fields.find((f) => f.entity === 'lead' && f.name === rule.lead);
    if (!from) return errors.push({ path: `${at}.lead`, message: `no lead custom field named ${rule.lead}` });
    if (rule.field === null) return;
    const to = fields.find((f) => f.entity === rule.target && f.name === rule.field);
    if (!to) return errors.push({ path: `${at}.field`, message: `no ${rule.target} custom field named ${rule.field}` });
    if (!compatible(from, to))
      return errors.push({ path: `${at}.field`, message: `a ${from.type} field cannot carry into a ${to.type} field` });
    for (const [fromOption, toOption] of Object.entries(rule.options ?? {})) {
      if (!from.options?.some((o) => o.id === fromOption))
        errors.push({ path: `${at}.options.${fromOption}`, message: `is not an option of the lead's ${from.name}` });
      if (!to.options?.some((o) => o.id === toOption))
        errors.push({ path: `${at}.options.${fromOption}`, message: `${toOption} is not an option of ${to.name}` });
    }
  });
  if (errors.length) invalid('The conversion mapping names fields or options that do not fit.', errors);
  const mapping = { fields: rules, updatedAt: now() };
  await deps.conversions.putMapping(caller.tenantId, mapping);
  return mapping;
}
