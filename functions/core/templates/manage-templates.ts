import { DomainError, invalid, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import type { Page, PageRequest } from '#core/paging';
import type { Entity } from '#core/records/entities';
import type { RecordsDeps } from '#core/records/ports';
import type { TenantCaller } from '#core/tenancy/caller';
import { builtinContent } from '#core/templates/builtins';
import { checkTemplate, type CheckInput } from '#core/templates/check-template';
import { builtinFileName } from '#core/templates/file-name';
import { requirePack } from '#core/templates/locales';
import type { SequencesStore, TemplatesStore } from '#core/templates/ports';
import {
  versionOf,
  type BuiltinName,
  type Template,
  type TemplateContent,
  type TemplateVersion,
} from '#core/templates/template';
import { DEFAULT_PAPER } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

export interface TemplateDeps {
  templates: TemplatesStore;
  sequences: SequencesStore;
  /** The tenant's custom fields, so `record.custom.<name>` is checked against them. */
  records: Pick<RecordsDeps, 'schema'>;
}

export type TemplateInput = Partial<TemplateContent> & { fromBuiltin?: BuiltinName };

export interface Saved {
  template: Template;
  warnings: TemplateWarning[];
}

export async function getTemplate(deps: TemplateDeps, caller: TenantCaller, id: string): Promise<Template> {
  return (await deps.templates.get(caller.tenantId, id)) ?? notFound('template', id);
}

async function checked(
  deps: TemplateDeps,
  caller: TenantCaller,
  content: TemplateContent,
  changed?: Partial<TemplateContent>,
) {
  if (content.sequenceId && (!changed || 'sequenceId' in changed)) {
    const seq = await deps.sequences.get(caller.tenantId, content.sequenceId);
    if (!seq)
      invalid('The sequence does not exist.', [
        { path: 'sequenceId', message: `no sequence with id ${content.sequenceId}` },
      ]);
  }
  // A pattern is checked when it is set, or when the entity whose data it names changes: a template
  // saved before these checks keeps saving its other parts.
  const fileName = !changed || 'fileName' in changed || 'entity' in changed ? content.fileName : undefined;
  return checkTemplate({ ...(await checkInput(deps, caller, content)), fileName });
}

/** What the save checks need: the template's parts, the tenant's accepted words and custom fields. */
export async function checkInput(
  deps: Pick<TemplateDeps, 'records'>,
  caller: TenantCaller,
  content: TemplateContent,
): Promise<CheckInput> {
  const schema = await deps.records.schema.load(caller.tenantId, caller.tenant.schemaVersion);
  const customFields: Partial<Record<Entity, string[]>> = {};
  for (const f of schema.fields) (customFields[f.entity] ??= []).push(f.name);
  return {
    entity: content.entity,
    kind: content.kind,
    locale: content.locale,
    parts: { body: content.body, header: content.header, footer: content.footer, subject: content.subject },
    acceptedWords: caller.tenant.acceptedWords ?? [],
    customFields,
  };
}

export async function createTemplate(deps: TemplateDeps, caller: TenantCaller, input: TemplateInput): Promise<Saved> {
  const { fromBuiltin, ...given } = input;
  // A built-in speaks the language of its `locale`: one without a locale pack would print English.
  if (fromBuiltin && given.locale !== undefined) requirePack(given.locale, 'locale');
  // A built-in copied without a locale speaks the tenant's language (its profile's `locale`).
  const profileLocale = caller.tenant.profile?.locale;
  const base = fromBuiltin
    ? { ...builtinContent(fromBuiltin), ...(profileLocale ? { locale: profileLocale } : {}) }
    : undefined;
  const defaults = {
    css: '',
    header: '',
    footer: '',
    subject: '',
    locale: 'en-US',
    sequenceId: null,
    paper: DEFAULT_PAPER,
  };
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const content = { ...defaults, ...base, ...defined } as TemplateContent;
  // A built-in names its files in its own language; a tenant's own template, until it says, `<name> <number>`.
  content.fileName ??= fromBuiltin ? builtinFileName(fromBuiltin, content.locale) : null;
  if (!content.name || !content.kind || !content.entity || content.body === undefined)
    invalid('A template needs name, kind, entity and body (or fromBuiltin and name).', [
      { path: 'body', message: 'required unless fromBuiltin is given' },
    ]);
  const warnings = await checked(deps, caller, content);
  const at = now();
  const template: Template = {
    ...content,
    id: newId('tpl'),
    tenantId: caller.tenantId,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: caller.userId,
    updatedBy: caller.userId,
  };
  await deps.templates.save(template, versionOf(template, caller.userId, at), null);
  return { template, warnings };
}

/** Every save is a new immutable version; without If-Match a lost race is reported, never merged blindly. */
export async function updateTemplate(
  deps: TemplateDeps,
  caller: TenantCaller,
  id: string,
  patch: Partial<TemplateContent>,
  expected?: number,
): Promise<Saved> {
  const current = await getTemplate(deps, caller, id);
  if (expected !== undefined && expected !== current.version)
    throw new DomainError('VERSION_CONFLICT', `Template ${id} is at version ${current.version}, not ${expected}.`);
  const content = { ...current, ...patch };
  const warnings = await checked(deps, caller, content, patch);
  const at = now();
  const next: Template = { ...content, version: current.version + 1, updatedAt: at, updatedBy: caller.userId };
  const outcome = await deps.templates.save(next, versionOf(next, caller.userId, at), current.version);
  if (outcome === 'conflict')
    throw new DomainError('VERSION_CONFLICT', `Template ${id} changed meanwhile; read it again.`);
  return { template: next, warnings };
}

export async function deleteTemplate(deps: TemplateDeps, caller: TenantCaller, id: string, expected?: number) {
  const current = await getTemplate(deps, caller, id);
  if (expected !== undefined && expected !== current.version)
    throw new DomainError('VERSION_CONFLICT', `Template ${id} is at version ${current.version}, not ${expected}.`);
  if (!(await deps.templates.remove(current, now())))
    throw new DomainError('VERSION_CONFLICT', `Template ${id} changed meanwhile; read it again.`);
}

export const listTemplates = (deps: TemplateDeps, caller: TenantCaller, page: PageRequest): Promise<Page<Template>> =>
  deps.templates.list(caller.tenantId, page);

export async function listTemplateVersions(
  deps: TemplateDeps,
  caller: TenantCaller,
  id: string,
  page: PageRequest,
): Promise<Page<TemplateVersion>> {
  await getTemplate(deps, caller, id);
  return deps.templates.listVersions(caller.tenantId, id, page);
}
