import Handlebars from 'handlebars';
import { DomainError, type FieldError } from '#core/errors';
import type { Entity } from '#core/records/entities';
import { DATA_SCHEMAS, type JsonSchema } from '#core/templates/data-schema';
import { EMAIL_DATA_SCHEMA } from '#core/templates/email-data-schema';
import { lintHelpers } from '#core/templates/lint-helpers';
import { lintNesting } from '#core/templates/lint-nesting';
import { lintVariables } from '#core/templates/lint-variables';
import { localeText } from '#core/templates/locales';
import { checkRuns, templateText, uncheckedNotices, type SpellingResult } from '#core/templates/spelling';
import { assertParses } from '#core/templates/syntax';
import type { SourcePart, TemplateKind } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

export interface CheckInput {
  entity: Entity;
  /** Email templates are checked against the email data model, not a record's. */
  kind?: TemplateKind;
  locale: string;
  parts: Partial<Record<SourcePart, string>>;
  acceptedWords: readonly string[];
  /** The tenant's custom field names by entity; without them `*.custom.*` is not checked. */
  customFields?: Partial<Record<Entity, readonly string[]>>;
  /** The `fileName` pattern, when the save sets it (its syntax is checked where the request is parsed). */
  fileName?: string | null;
}

/** `custom` closed to the tenant's field names, where each entity's record appears in the data. */
function withCustomFields(root: JsonSchema, input: CheckInput): JsonSchema {
  const fields = input.customFields;
  if (!fields) return root;
  const close = (schema: JsonSchema | undefined, entity: Entity): JsonSchema | undefined => {
    if (!schema?.properties?.custom || !fields[entity]) return schema;
    const custom: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(fields[entity].map((name) => [name, {}])),
      additionalProperties: false,
    };
    return { ...schema, properties: { ...schema.properties, custom } };
  };
  const p = { ...root.properties };
  if (input.kind === 'email') p.deal = close(p.deal, 'deal')!;
  else p.record = close(p.record, input.entity)!;
  if (p.contact) p.contact = close(p.contact, 'contact')!;
  if (p.contacts?.items) p.contacts = { ...p.contacts, items: close(p.contacts.items, 'contact') };
  if (p.company) p.company = close(p.company, 'company')!;
  return { ...root, properties: p };
}

/**
 * What a save refuses (400, every problem with its part, line and column): syntax errors, unknown
 * helpers, helpers called wrongly, `{{t}}` keys no pack has. What it warns about and saves anyway:
 * unknown variables and custom fields, loops nested too deep, possible misspellings, and a
 * language it has no dictionary for.
 */
export async function checkTemplate(input: CheckInput): Promise<TemplateWarning[]> {
  const asts = assertParses(input.parts);
  // The `t` helper's own lookup: a key it would find at render passes, any other fails here.
  const hasText = (key: string) => localeText(input.locale, key) !== undefined;
  const errors: FieldError[] = [];
  for (const [part, ast] of Object.entries(asts) as [SourcePart, NonNullable<(typeof asts)[SourcePart]>][])
    errors.push(...lintHelpers(ast, part, { hasText }));
  if (errors.length) throw new DomainError('VALIDATION', 'The template calls helpers that cannot work.', errors);
  if (input.fileName) fileNameProblems(input.fileName, input, hasText);

  const schema = withCustomFields(input.kind === 'email' ? EMAIL_DATA_SCHEMA : DATA_SCHEMAS[input.entity], input);
  const accepted = new Set(input.acceptedWords.map((w) => w.toLowerCase()));
  const warnings: TemplateWarning[] = [];
  const spelling: SpellingResult = { warnings: [], unchecked: new Map() };
  for (const [part, ast] of Object.entries(asts) as [SourcePart, NonNullable<(typeof asts)[SourcePart]>][]) {
    warnings.push(...lintVariables(ast, schema, part));
    warnings.push(...lintNesting(ast, part));
    const from = spelling.warnings.length;
    await checkRuns(templateText(ast, input.locale), part, accepted, spelling);
    warnings.push(...spelling.warnings.slice(from));
  }
  return [...warnings, ...uncheckedNotices(spelling.unchecked)];
}

/**
 * A file name pattern names every document the template makes, after its number is taken: what it
 * refers to is checked as strictly as a helper (400), since an unknown variable would leave a gap
 * in every customer's file name (`Arve .pdf`) where a body merely prints nothing.
 */
function fileNameProblems(pattern: string, input: CheckInput, hasText: (key: string) => boolean): void {
  const ast = Handlebars.parse(pattern);
  const schema = withCustomFields(DATA_SCHEMAS[input.entity], { ...input, kind: undefined });
  const problems: FieldError[] = [
    ...lintHelpers(ast, 'body', { hasText }).map(({ line, column, message }) => ({
      path: 'fileName',
      line,
      column,
      message,
    })),
    ...lintVariables(ast, schema, 'body').map(({ kind, line, column, message, text }) => ({
      path: 'fileName',
      line,
      column,
      message:
        kind === 'unknown-custom-field'
          ? message
          : `"{{${text}}}": a ${input.entity}'s document has no "${text}" (GET /v1/template-schemas/${input.entity}).`,
    })),
  ];
  if (problems.length)
    throw new DomainError('VALIDATION', 'The file name pattern refers to what the document does not have.', problems);
}
