import { DomainError, notFound, type FieldError } from '#core/errors';
import { newId, now } from '#core/ids';
import type { IntakeDeps } from '#core/intake/deps';
import { FORM_DEFAULTS, mappingTarget, SECRET_GRACE_SECONDS, type Form, type FormSettings } from '#core/intake/form';
import { leadTargets } from '#core/intake/lead-input';
import { mintSigningSecret } from '#core/intake/signing-secret';
import type { Page, PageRequest } from '#core/paging';
import { applyCustomFields } from '#core/records/custom-fields';
import { chooseOption } from '#core/records/custom-values';
import type { FieldDefinition } from '#core/records/field-definition';
import { composeFields } from '#core/records/compose';
import { schemaOf } from '#core/records/schema-access';
import { createSchema } from '#core/records/standard-fields';
import type { TenantCaller } from '#core/tenancy/caller';
import { parseInput } from '#core/validation';

export type FormInput = Pick<FormSettings, 'name' | 'provider'> & Partial<FormSettings>;
export type FormPatch = Partial<FormSettings>;

type ListValues = Pick<FormSettings, 'mapping' | 'fixedValues'>;

// Option labels become ids, as records store them: an option renamed later keeps the form's answers.
function withOptionIds(form: FormSettings, leadFields: FieldDefinition[]): ListValues {
  const list = (name: string) => leadFields.find((f) => f.name === name && f.type === 'list');
  const ids = (field: FieldDefinition, value: unknown) => {
    const one = (v: unknown) => {
      const chosen = chooseOption(field, v);
      return 'id' in chosen ? chosen.id : v;
    };
    return Array.isArray(value) ? value.map(one) : one(value);
  };
  const mapping = Object.fromEntries(
    Object.entries(form.mapping).map(([source, entry]) => {
      const field = list(mappingTarget(entry));
      if (typeof entry === 'string' || !entry.values || !field) return [source, entry];
      const values = Object.entries(entry.values).map(([answer, value]) => [answer, ids(field, value) as string]);
      return [source, { ...entry, values: Object.fromEntries(values) }];
    }),
  );
  const fixedValues = Object.fromEntries(
    Object.entries(form.fixedValues).map(([name, value]) => {
      const field = list(name);
      return [name, field ? ids(field, value) : value];
    }),
  );
  return { mapping, fixedValues };
}

/**
 * Mapping targets, required fields and fixed values must name lead fields, and fixed values must be
 * valid for them; returns the mapping and fixed values with list options as ids.
 */
async function checkSettings(deps: IntakeDeps, caller: TenantCaller, form: FormSettings): Promise<ListValues> {
  const schema = await schemaOf(deps.records, caller);
  const leadFields = schema.fields.filter((f) => f.entity === 'lead');
  const targets = leadTargets(leadFields.map((f) => f.name));
  const errors: FieldError[] = [];
  for (const [source, entry] of Object.entries(form.mapping)) {
    const target = mappingTarget(entry);
    if (!targets.has(target)) errors.push({ path: `mapping.${source}`, message: `${target} is no lead field.` });
    // Translations into a list field must name its options: a typo here would unmap every such answer.
    const list = leadFields.find((f) => f.name === target && f.type === 'list');
    if (typeof entry !== 'string' && list)
      for (const [answer, value] of Object.entries(entry.values ?? {})) {
        const chosen = chooseOption(list, value);
        if ('problem' in chosen) errors.push({ path: `mapping.${source}.values.${answer}`, message: chosen.problem });
      }
  }
  form.requiredFields.forEach((name, i) => {
    if (!targets.has(name)) errors.push({ path: `requiredFields.${i}`, message: `${name} is no lead field.` });
  });
  const standard: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form.fixedValues)) {
    if (name === 'ownerId' || (targets.has(name) && !leadFields.some((f) => f.name === name))) standard[name] = value;
    else if (targets.has(name)) custom[name] = value;
    else errors.push({ path: `fixedValues.${name}`, message: `${name} is no lead field.` });
  }
  const parsed = parseInput(createSchema('lead'), { title: form.name, ...standard }, 'fixedValues');
  if (parsed.errors) errors.push(...parsed.errors);
  else
    try {
      composeFields('lead', schema, parsed.data);
      applyCustomFields(leadFields, custom, {});
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors.push(...e.errors.map((f) => ({ ...f, path: `fixedValues.${f.path.replace(/^customFields\./, '')}` })));
    }
  if (errors.length) throw new DomainError('VALIDATION', 'Some form settings are invalid.', errors);
  return withOptionIds(form, leadFields);
}

export async function readForm(deps: IntakeDeps, caller: TenantCaller, id: string): Promise<Form> {
  return (await deps.intake.getForm(caller.tenantId, id)) ?? notFound('form', id);
}

export async function createForm(deps: IntakeDeps, caller: TenantCaller, input: FormInput) {
  const given: FormSettings = { ...FORM_DEFAULTS, ...input };
  const settings: FormSettings = { ...given, ...(await checkSettings(deps, caller, given)) };
  const at = now();
  const secret = mintSigningSecret();
  const form: Form = {
    ...settings,
    id: newId('frm'),
    version: 1,
    createdAt: at,
    updatedAt: at,
    secrets: [{ value: secret, createdAt: at }],
  };
  await deps.intake.putForm(caller.tenantId, form);
  return { form, secret };
}

export const listForms = (deps: IntakeDeps, caller: TenantCaller, page: PageRequest): Promise<Page<Form>> =>
  deps.intake.listForms(caller.tenantId, page);

export async function updateForm(
  deps: IntakeDeps,
  caller: TenantCaller,
  id: string,
  patch: FormPatch,
  expectedVersion?: number,
): Promise<Form> {
  const current = await readForm(deps, caller, id);
  if (expectedVersion !== undefined && expectedVersion !== current.version)
    throw new DomainError(
      'VERSION_CONFLICT',
      `The form is at version ${current.version}, not ${expectedVersion}; read it again.`,
    );
  const cleared = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === null ? undefined : v]));
  const given: Form = { ...current, ...cleared, version: current.version + 1, updatedAt: now() };
  const next: Form = { ...given, ...(await checkSettings(deps, caller, given)) };
  await deps.intake.putForm(caller.tenantId, next, current.version);
  return next;
}

export async function deleteForm(deps: IntakeDeps, caller: TenantCaller, id: string): Promise<void> {
  await deps.intake.deleteForm(caller.tenantId, await readForm(deps, caller, id));
}

/** A new secret; the current one keeps verifying for the grace period, older ones stop. */
export async function rotateSecret(deps: IntakeDeps, caller: TenantCaller, id: string) {
  const current = await readForm(deps, caller, id);
  const at = new Date();
  const secret = mintSigningSecret();
  const graceEnds = new Date(at.getTime() + SECRET_GRACE_SECONDS * 1000).toISOString();
  const previous = current.secrets[0];
  const form: Form = {
    ...current,
    secrets: [
      { value: secret, createdAt: at.toISOString() },
      { ...previous, expiresAt: graceEnds },
    ],
    version: current.version + 1,
    updatedAt: at.toISOString(),
  };
  await deps.intake.putForm(caller.tenantId, form, current.version);
  return { form, secret };
}
