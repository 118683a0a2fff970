import * as z from 'zod';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE } from '#core/control-characters';
import { idPattern, type IdPrefix } from '#core/ids';
import { ENTITY, type Entity } from '#core/records/entities';
import { MAX_ABS, MAX_DECIMALS, MAX_SIGNIFICANT_DIGITS, numberProblem, precisionProblem } from '#core/numbers';
import { MAX_MINOR_UNITS } from '#core/records/currencies';
import { moneyProblem, TAX_CATEGORIES } from '#core/records/money';
import { normalizeEmail, normalizePhone, normalizeTaxId } from '#core/records/normalize';
import { USER_ID } from '#core/tenancy/user';
import { checkVatNumber, CountryCode, PeppolId, PersonalCode } from '#core/tenancy/party-fields';

// The built-in fields of each entity. Create schemas are strict (unknown fields are 400);
// patch schemas make every field optional and let `null` clear an optional one.

const text = (max: number) => z.string().trim().min(1).max(max);
// Names and titles are shown as one line in lists, documents and email headers.
const oneLine = (max: number) => text(max).regex(NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE);
export const Email = z
  .string()
  .max(254)
  .transform(normalizeEmail)
  .pipe(z.email({ message: 'must be an email address' }));
export const Phone = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const normalized = normalizePhone(v);
    if (!normalized)
      ctx.addIssue({ code: 'custom', message: 'must be a phone number in international format, like +14155550123' });
    return normalized ?? v;
  });
/** A JSON number within the bounds of #core/numbers; `min` and `max` narrow them and show in OpenAPI. */
export const Decimal = (min = -MAX_ABS, max = MAX_ABS, maxDecimals = MAX_DECIMALS) =>
  z
    .number()
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .superRefine((n, ctx) => {
      const problem = precisionProblem(n, maxDecimals);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(`At most ${MAX_SIGNIFICANT_DIGITS} significant digits and ${maxDecimals} decimals.`);
/** The currency's own decimals (ISO 4217) are checked where the currency is known. */
export const Money = (min = -MAX_ABS, max = MAX_ABS) =>
  Decimal(min, max, MAX_MINOR_UNITS).describe(
    `At most ${MAX_SIGNIFICANT_DIGITS} significant digits and the currency's ISO 4217 decimals (2 for EUR and USD, 0 for JPY, 3 for KWD).`,
  );
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR');
export const IsoDate = z.iso.date({ message: 'must be a date like 2026-12-31' });
const Url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048);
export const Ref = (prefix: IdPrefix) => z.string().regex(idPattern(prefix), `must be a ${prefix}_ id`);
export const OwnerId = z.string().regex(USER_ID, 'must be a user id');

const Utm = z.strictObject({
  utm_source: text(200).optional(),
  utm_medium: text(200).optional(),
  utm_campaign: text(200).optional(),
  utm_term: text(200).optional(),
  utm_content: text(200).optional(),
});

const Address = z.strictObject({
  street: text(300).optional(),
  city: text(200).optional(),
  postalCode: text(40).optional(),
  region: text(200).optional(),
  country: text(100).optional().describe('The country as printed.'),
  countryCode: CountryCode.optional(),
});

export const LineItemInput = z
  .strictObject({
    name: oneLine(300),
    quantity: Decimal(0, 1e9).positive('must be greater than 0'),
    unit: text(40).optional(),
    // A credit (a refund, a correction) is a line with a negative price, never a negative quantity.
    unitPrice: Money(-1e12, 1e12),
    discount: Decimal(0, 100).default(0).describe('Percent, 0 to 100, at most 15 significant digits and 15 decimals.'),
    taxRate: Decimal(0, 100).default(0).describe('Percent, 0 to 100, at most 15 significant digits and 15 decimals.'),
    taxCategory: z
      .enum(TAX_CATEGORIES)
      .optional()
      .describe(
        'UNCL 5305, as EN 16931 uses it: S standard, Z zero rated, E exempt, AE reverse charge, K intra-community, G export, O outside the scope of VAT. Default: S when taxRate is above 0, else Z. Every category but S has taxRate 0.',
      ),
    taxExemptionReason: oneLine(300)
      .optional()
      .describe('Why the line is exempt, reverse charged or zero rated, printed beside it.'),
  })
  .superRefine((line, ctx) => {
    // EN 16931 BR-S-05, BR-AE-05, BR-E-05 ...: only standard-rated lines carry a rate.
    if (line.taxCategory === 'S' && !(line.taxRate > 0))
      ctx.addIssue({ code: 'custom', path: ['taxRate'], message: 'must be above 0 for tax category S' });
    if (line.taxCategory && line.taxCategory !== 'S' && line.taxRate !== 0)
      ctx.addIssue({ code: 'custom', path: ['taxRate'], message: `must be 0 for tax category ${line.taxCategory}` });
  });

const standardShapes = {
  lead: {
    title: oneLine(300),
    name: oneLine(200).optional(),
    companyName: oneLine(300).optional(),
    email: Email.optional(),
    phone: Phone.optional(),
    source: text(100).optional(),
    utm: Utm.optional(),
    stageId: Ref('stg').optional(),
    comments: z.string().max(10_000).optional(),
  },
  contact: {
    firstName: oneLine(100).optional(),
    lastName: oneLine(100).optional(),
    emails: z.array(Email).max(10).optional(),
    phones: z.array(Phone).max(10).optional(),
    position: text(200).optional(),
    companyId: Ref('com').optional(),
    // Kept on the record only: no search item, lookup or list key is made of it (core/records/entities.ts).
    personalCode: PersonalCode.optional(),
  },
  company: {
    name: oneLine(300),
    taxId: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .transform(normalizeTaxId)
      .superRefine(checkVatNumber)
      .optional()
      .describe(
        'VAT number or other tax id, stored compact and upper case; one starting with EE must be EE and 9 digits.',
      ),
    registrationNumber: text(100).optional().describe('With `address.countryCode` EE: the 8-digit registry code.'),
    peppolId: PeppolId.optional(),
    address: Address.optional(),
    website: Url.optional(),
    industry: text(100).optional(),
  },
  deal: {
    title: oneLine(300),
    pipelineId: Ref('pipe').optional(),
    stageId: Ref('stg').optional(),
    amount: Money(0, 1e12).optional(),
    currency: Currency.optional(),
    lineItems: z.array(LineItemInput).max(200).optional(),
    expectedCloseDate: IsoDate.optional(),
    paymentTermDays: z
      .number()
      .int('must be a whole number of days')
      .min(0, 'must be at least 0')
      .max(365, 'must be at most 365')
      .optional()
      .describe("Days from a document's issue date to its due date; else the tenant profile's (default 14)."),
    // Where the deal came from; a lead conversion carries the lead's over.
    source: text(100).optional(),
    utm: Utm.optional(),
    contactIds: z.array(Ref('con')).max(20).optional(),
    companyId: Ref('com').optional(),
  },
} satisfies Record<Entity, z.ZodRawShape>;

// JSON.parse makes `__proto__` an own key, but copying it into a new object drops it silently:
// report it as the unknown field it is, before zod copies the record.
const CustomFieldsIn = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'There is no such custom field.', input: value });
    }
    return value;
  },
  z.record(z.string(), z.unknown(), { error: 'must be an object of custom field values by field name' }),
);

const common = {
  ownerId: OwnerId.nullable().optional(),
  // Checked per field against the tenant's definitions (core/records/custom-values.ts), which the static document cannot know.
  customFields: CustomFieldsIn.optional().describe(
    'Values by field name: a string, number, boolean, `{amount, currency}` for money, an option id (or `{id}`) for a list field, an array of them when `multiple`; null clears.',
  ),
};

/**
 * A deal's currency decimals, when the currency comes in the same body: checked here so they are
 * reported with every other field error. A stored currency is checked by the use case (deal-money).
 */
function currencyDecimals(deal: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const currency = deal.currency;
  if (typeof currency !== 'string' || !Currency.safeParse(currency).success) return;
  const check = (value: unknown, path: PropertyKey[]) => {
    // Out-of-bounds numbers already have their own issue; say nothing twice.
    if (typeof value !== 'number' || numberProblem(value)) return;
    const problem = moneyProblem(value, currency);
    if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
  };
  check(deal.amount, ['amount']);
  if (Array.isArray(deal.lineItems))
    deal.lineItems.forEach((item: unknown, i) =>
      check((item as { unitPrice?: unknown } | null)?.unitPrice, ['lineItems', i, 'unitPrice']),
    );
}

export function createSchema(entity: Entity) {
  const schema = z.strictObject({ ...standardShapes[entity], ...common });
  const { money, requireOneOf } = ENTITY[entity];
  if (money) return schema.superRefine(currencyDecimals);
  if (!requireOneOf) return schema;
  const message = `A ${entity} needs a ${requireOneOf.join(' or a ')}.`;
  return (
    schema
      .refine((r) => requireOneOf.some((name) => (r as Record<string, unknown>)[name]), {
        message,
        path: [requireOneOf[requireOneOf.length - 1]],
      })
      // The refine is code; this is how JSON Schema (the OpenAPI document) says the same.
      .meta({ anyOf: requireOneOf.map((name) => ({ required: [name] })) })
  );
}

export function patchSchema(entity: Entity) {
  const shape = standardShapes[entity] as z.ZodRawShape;
  const patch = Object.fromEntries(
    Object.entries(shape).map(([name, s]) => {
      const inner = (s instanceof z.ZodOptional ? s.unwrap() : s) as z.ZodType;
      return [name, ENTITY[entity].required.includes(name) ? inner.optional() : inner.nullable().optional()];
    }),
  );
  const schema = z.strictObject({ ...patch, ...common });
  return ENTITY[entity].money ? schema.superRefine(currencyDecimals) : schema;
}

export const standardFieldNames = (entity: Entity): string[] => Object.keys(standardShapes[entity]);
