import * as z from 'zod';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE } from '#core/control-characters';
import { ENTITIES } from '#core/records/entities';
import { JOB_STATUSES } from '#core/templates/job';
import { BUDGETS } from '#core/templates/too-expensive';
import { issuedNumberSchema, RESETS } from '#core/templates/sequence';
import { BUILTIN_NAMES, PAPER_SIZES, TEMPLATE_KINDS } from '#core/templates/template';
import { IsoDate, Ref } from '#core/records/standard-fields';
import { MAX_TERM_DAYS, MAX_TEXT_CHARS } from '#core/templates/document-facts';
import { referenceProblem } from '#core/templates/reference-number';
import { fileNamePatternProblem, MAX_FILE_NAME_PATTERN } from '#core/templates/file-name';
import { idPattern } from '#core/ids';
import { pageOf, Timestamp } from '#http/schemas/common';

const Name = z.string().trim().min(1).max(200);
// Template and sequence names are listed and shown as one line (generate's document `name` is a file name, sanitised instead).
const OneLineName = Name.regex(NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE);
// A version is one DynamoDB item (400 KB): the parts together stay well under it.
const Source = (max: number) => z.string().max(max);
const Length = z.string().regex(/^\d+(\.\d+)?(mm|cm|in|px|pt)$/, 'a CSS length such as 20mm');
const Locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 locale such as en-US')
  .refine((l) => {
    try {
      return Intl.NumberFormat.supportedLocalesOf([l]).length > 0;
    } catch {
      return false;
    }
  }, 'a locale this runtime knows');

const FileNamePattern = z
  .string()
  .max(MAX_FILE_NAME_PATTERN, `must be at most ${MAX_FILE_NAME_PATTERN} characters`)
  .superRefine((v, ctx) => {
    const problem = v.length > MAX_FILE_NAME_PATTERN ? undefined : fileNamePatternProblem(v); // max() said it
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .nullable()
  .describe(
    "The file name the customer gets (stored document, download, email attachment): Handlebars over the document data, e.g. `Arve {{document.number}}.pdf`. No `/` or `\\` outside `{{ }}`, no control characters, at most 200 characters. Null: `<name> <number>.pdf`. A built-in copied gets its language's (`Invoice {{document.number}}.pdf`).",
  );

const Paper = z
  .strictObject({
    size: z.enum(PAPER_SIZES).default('A4'),
    orientation: z.enum(['portrait', 'landscape']).default('portrait'),
    margins: z
      .strictObject({ top: Length, right: Length, bottom: Length, left: Length })
      .default({ top: '22mm', right: '18mm', bottom: '22mm', left: '18mm' }),
  })
  .meta({ id: 'Paper' });

const contentShape = {
  name: OneLineName,
  kind: z.enum(TEMPLATE_KINDS),
  entity: z.enum(ENTITIES),
  body: Source(200_000).describe('Handlebars HTML. Output is escaped; see GET /v1/template-schemas/{entity}.'),
  css: Source(60_000),
  header: Source(20_000).describe('Printed on every page (inline styles; `pageNumber`/`totalPages` classes work).'),
  footer: Source(20_000),
  subject: Source(500).describe('Email templates: the subject line (Handlebars).'),
  paper: Paper,
  locale: Locale,
  sequenceId: Ref('seq').nullable(),
  fileName: FileNamePattern,
};

export const TemplateIn = z
  .strictObject({
    ...contentShape,
    kind: contentShape.kind.optional(),
    entity: contentShape.entity.optional(),
    body: contentShape.body.optional(),
    css: contentShape.css.optional(),
    header: contentShape.header.optional(),
    footer: contentShape.footer.optional(),
    subject: contentShape.subject.optional(),
    paper: Paper.optional(),
    locale: Locale.optional().describe(
      "Default en-US; a copy of a built-in (`fromBuiltin`) defaults to the tenant profile's `locale`.",
    ),
    sequenceId: contentShape.sequenceId.optional(),
    fileName: contentShape.fileName.optional(),
    fromBuiltin: z
      .enum(BUILTIN_NAMES)
      .optional()
      .describe(
        'Copy a built-in template; only `name` is then required. Its words follow the language of `locale` (`et`, `en`; another is 400).',
      ),
  })
  .superRefine((b, ctx) => {
    if (b.fromBuiltin) return;
    for (const f of ['kind', 'entity', 'body'] as const)
      if (b[f] === undefined)
        ctx.addIssue({ code: 'custom', path: [f], message: 'Required unless fromBuiltin is given.' });
  })
  .transform(({ paper, ...rest }) => ({
    ...rest,
    ...(paper ? { paper } : rest.fromBuiltin ? {} : { paper: Paper.parse({}) }),
  }))
  .meta({ id: 'TemplateRequest' });

export const TemplatePatch = z
  .strictObject(
    Object.fromEntries(Object.entries(contentShape).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof contentShape]: z.ZodOptional<(typeof contentShape)[K]>;
    },
  )
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one property.' })
  .meta({ id: 'TemplatePatchRequest' });

const templateOut = {
  id: z.string(),
  ...contentShape,
  body: z.string(),
  css: z.string(),
  header: z.string(),
  footer: z.string(),
  subject: z.string(),
  locale: z.string(),
  sequenceId: z.string().nullable(),
  fileName: z.string().nullable().describe('The file name pattern; null: `<name> <number>.pdf`.'),
  paper: z.object({
    size: z.enum(PAPER_SIZES),
    orientation: z.enum(['portrait', 'landscape']),
    margins: z.object({ top: z.string(), right: z.string(), bottom: z.string(), left: z.string() }),
  }),
};

export const WarningOut = z
  .object({
    kind: z
      .enum(['unknown-variable', 'unknown-custom-field', 'spelling', 'no-dictionary', 'nested-loop'])
      .describe(
        "`no-dictionary`: the text in this locale (the template's, or a `lang` element's or block's) was not spell-checked: there is no dictionary for it.",
      ),
    part: z.enum(['body', 'header', 'footer', 'subject']),
    line: z.number().int(),
    column: z.number().int(),
    message: z.string(),
    text: z.string().describe('The variable path, the word, the locale without a dictionary, or the list looped over.'),
    suggestions: z.array(z.string()).optional(),
  })
  .meta({ id: 'TemplateWarning' });

export const TemplateOut = z
  .object({
    ...templateOut,
    version: z.number().int().describe('The latest version; also the ETag.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: z.string(),
    updatedBy: z.string(),
    warnings: z
      .array(WarningOut)
      .optional()
      .describe(
        'Only in the answer to a save (POST, PATCH): unknown variables and custom fields, possible misspellings, locales without a dictionary; they never block a save.',
      ),
  })
  .meta({ id: 'Template' });

export const TemplatePage = pageOf(TemplateOut, 'TemplatePage');

const { id: _id, ...versionShape } = templateOut;
export const TemplateVersionOut = z
  .object({
    templateId: z.string(),
    ...versionShape,
    version: z.number().int(),
    createdAt: Timestamp,
    createdBy: z.string(),
  })
  .meta({ id: 'TemplateVersion' });
export const TemplateVersionPage = pageOf(TemplateVersionOut, 'TemplateVersionPage');

export const SchemaParams = z.strictObject({
  entity: z
    .enum([...ENTITIES, 'email'])
    .describe('The entity a document template is for, or `email`: what an email template (`kind: "email"`) sees.'),
});
export const DataSchemaOut = z
  .record(z.string(), z.unknown())
  .meta({ id: 'TemplateDataSchema', description: 'A JSON Schema (2020-12).' });

const RecordRefIn = z.strictObject({ entity: z.enum(ENTITIES), id: z.string().min(1).max(64) });

export const PreviewIn = z
  .strictObject({
    record: RecordRefIn.optional(),
    sampleData: z.record(z.string(), z.unknown()).optional(),
    format: z.enum(['pdf', 'html']).default('html'),
  })
  .refine((b) => Boolean(b.record) !== Boolean(b.sampleData), {
    message: 'Give exactly one of record and sampleData.',
    path: ['record'],
  })
  .meta({ id: 'PreviewRequest' });

/**
 * A template id; a built-in's name given instead is refused with the call that makes the tenant's
 * copy of it (the copy is not made here: which name and paper it gets is the tenant's choice).
 */
const TemplateRef = z.string().regex(idPattern('tpl'), {
  error: (issue) => {
    const builtin = BUILTIN_NAMES.find(
      (b) => typeof issue.input === 'string' && issue.input.trim().toLowerCase() === b,
    );
    if (!builtin) return 'must be a tpl_ id';
    const name = builtin[0].toUpperCase() + builtin.slice(1);
    return `"${builtin}" is a built-in template, not one of this tenant's: copy it once with POST /v1/templates {"fromBuiltin":"${builtin}","name":"${name}"} and generate with the tpl_ id that answers.`;
  },
});

export const GenerateIn = z
  .strictObject({
    templateId: TemplateRef,
    record: RecordRefIn,
    name: Name.optional().describe('The document name (default: the template name, plus the number).'),
    format: z.enum(['pdf', 'html']).default('pdf'),
    issueDate: IsoDate.optional().describe(
      "`document.issueDate` (and `document.date`); default: today in the tenant's time zone.",
    ),
    dueDate: IsoDate.optional().describe(
      '`document.dueDate`: on or after the issue date, at most 365 days after it. Default: the issue date plus `paymentTermDays`. Not with `paymentTermDays`.',
    ),
    deliveryDate: IsoDate.optional().describe('`document.deliveryDate`, when the goods or services were delivered.'),
    paymentTermDays: z
      .number()
      .int('must be a whole number of days')
      .min(0, 'must be at least 0')
      .max(MAX_TERM_DAYS, `must be at most ${MAX_TERM_DAYS}`)
      .optional()
      .describe(
        "Days from the issue date to the due date; default: the deal's `paymentTermDays`, else the tenant profile's, else 14.",
      ),
    referenceNumber: z
      .string()
      .superRefine((v, ctx) => {
        const problem = referenceProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe(
        "`document.referenceNumber`, an Estonian reference number (viitenumber: 2 to 20 digits, the last a 7-3-1 check digit). Default: the document number's digits (the last 19) and their check digit.",
      ),
    text: z
      .string()
      .max(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`)
      .optional()
      .describe('`document.text`: the body of a letter or contract (`{{markdown document.text}}`).'),
    draft: z
      .boolean()
      .optional()
      .describe(
        'A draft: `document.draft` is true (the built-ins print DRAFT / MUSTAND), no number is taken (none is voided either), and it has no reference number and no payment QR.',
      ),
    documentId: Ref('doc')
      .optional()
      .describe(
        'Regenerate this document: a new version of it with its number, as `POST /v1/documents/{id}/regenerate` does. Not with `draft`.',
      ),
    eInvoice: z
      .enum(['required', 'auto'])
      .optional()
      .describe(
        'Invoices of a tenant with `profile.eInvoicing`: `auto` (default) makes the PDF even when the tenant or company lacks what the e-invoice needs (the document says `eInvoice.status: "missing-data"`); `required` refuses that with a `400` naming each field, before any number is taken.',
      ),
    creditNote: z
      .boolean()
      .optional()
      .describe('Invoices: the e-invoice is a UBL CreditNote (as it is whenever the total is negative).'),
    creditFor: Ref('doc')
      .optional()
      .describe(
        'Invoices: the generated invoice this one credits; its number is stated as the invoice referred to (BT-25).',
      ),
  })
  .meta({ id: 'GenerateRequest' });

export const RegenerateIn = GenerateIn.omit({ draft: true, documentId: true })
  .extend({
    templateId: TemplateRef.optional().describe(
      "Default: the document's template (its latest version); one numbering from another sequence is 400.",
    ),
    record: RecordRefIn.optional().describe('Default: the record the document was generated for.'),
    format: z.enum(['pdf', 'html']).optional().describe("Default: the document's."),
  })
  .meta({ id: 'RegenerateRequest' });

export const JobOut = z
  .object({
    id: z.string(),
    status: z.enum(JOB_STATUSES),
    templateId: z.string(),
    templateVersion: z.number().int(),
    record: z.object({ entity: z.enum(ENTITIES), id: z.string() }),
    format: z.enum(['pdf', 'html']),
    draft: z.literal(true).optional().describe('A draft: numberless, marked DRAFT.'),
    createdAt: Timestamp,
    finishedAt: Timestamp.optional(),
    documentId: z.string().optional(),
    number: z.string().optional(),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        path: z.string().optional().describe('The template part at fault: `body`, `header` or `footer`.'),
        budget: z.enum(BUDGETS).optional().describe('With `TEMPLATE_TOO_EXPENSIVE`: the budget exceeded.'),
        errors: z
          .array(z.object({ path: z.string(), message: z.string() }))
          .optional()
          .describe("Every field at fault when there are several (the e-invoice's pre-check names each)."),
      })
      .optional(),
  })
  .meta({ id: 'Job' });

export const SequenceIn = z
  .strictObject({
    name: OneLineName,
    prefix: z.string().max(50).default('').describe('May hold {YYYY}, {YY}, {MM}, {DD} of the document date.'),
    padding: z.number().int().min(1).max(12).default(4),
    reset: z.enum(RESETS).default('never'),
  })
  .meta({ id: 'SequenceRequest' });
export const SequencePatch = z
  .strictObject({
    name: OneLineName.optional(),
    prefix: z.string().max(50).optional(),
    padding: z.number().int().min(1).max(12).optional(),
    reset: z.enum(RESETS).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one property.' })
  .meta({ id: 'SequencePatchRequest' });
export const SequenceOut = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    padding: z.number().int(),
    reset: z.enum(RESETS),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Sequence' });
export const SequencePage = pageOf(SequenceOut, 'SequencePage');
export const NumberOut = issuedNumberSchema(Timestamp).meta({ id: 'SequenceNumber' });
export const NumberPage = pageOf(NumberOut, 'SequenceNumberPage');

export const PreviewOut = z
  .object({
    format: z.enum(['pdf', 'html']),
    html: z.string().optional().describe('format html: the rendered page.'),
    pdf: z.string().optional().describe('format pdf: the PDF, base64, when it is at most 180 KB.'),
    url: z
      .string()
      .optional()
      .describe(
        'format pdf over 180 KB: a GET link to the PDF, valid until `expiresAt` (5 minutes); the copy behind it is deleted a day later.',
      ),
    expiresAt: Timestamp.optional(),
    pages: z.number().int().optional(),
    bytes: z.number().int().optional(),
    fileName: z.string().describe("The file name a document generated now would get (the template's `fileName`)."),
    warnings: z.array(WarningOut).describe("The save's checks, run again on the version previewed."),
  })
  .meta({ id: 'Preview' });
