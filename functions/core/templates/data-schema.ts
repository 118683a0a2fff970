import { ENTITIES, type Entity } from '#core/records/entities';

// The data a template sees, as JSON Schema (served at GET /v1/template-schemas/{entity} and used by
// the unknown-variable lint). Custom fields are open (`record.custom.<name>`): the tenant defines them.

export type JsonSchema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  $schema?: string;
  title?: string;
};

const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const num = (description?: string): JsonSchema => ({ type: 'number', ...(description ? { description } : {}) });
const obj = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: 'object',
  properties,
  additionalProperties: false,
  ...(description ? { description } : {}),
});
const list = (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, description });

const address = obj({
  street: str(),
  city: str(),
  postalCode: str(),
  region: str(),
  country: str('the country as printed'),
  countryCode: str('ISO 3166-1 alpha-2 (EE)'),
});

const common = {
  id: str(),
  ownerId: str(),
  createdAt: str('ISO 8601'),
  updatedAt: str('ISO 8601'),
  custom: { type: 'object', additionalProperties: true, description: 'Custom field values by field name.' },
};

export const LINE_ITEM_SCHEMA = obj({
  position: num('1-based'),
  name: str(),
  quantity: num(),
  unit: str(),
  unitPrice: num('negative on a credit line'),
  discount: num('percent'),
  taxRate: num('percent'),
  taxCategory: str(
    'UNCL 5305: S standard, Z zero rated, E exempt, AE reverse charge, K intra-community, G export, O outside the scope of VAT',
  ),
  taxExemptionReason: str('why the line is exempt or reverse charged'),
  net: num('round(quantity × unitPrice) less round(quantity × unitPrice × discount / 100)'),
  tax: num("this line's VAT alone; the VAT due is totals.taxes, computed once per rate"),
  gross: num(),
});
const TOTALS = obj({
  net: num(),
  tax: num('the sum of taxes[].tax'),
  gross: num(),
  taxes: list(
    obj({
      rate: num('percent'),
      category: str('UNCL 5305'),
      net: num("the net of this rate's lines"),
      tax: num("VAT on that net, rounded once, half away from zero, in the currency's minor unit"),
    }),
    'VAT per tax category and rate, highest rate first.',
  ),
});

const contact = obj({
  ...common,
  firstName: str(),
  lastName: str(),
  fullName: str('first and last name'),
  emails: list(str()),
  phones: list(str()),
  email: str('the first email'),
  phone: str('the first phone'),
  position: str(),
  companyId: str(),
  personalCode: str('Estonian personal code (isikukood)'),
});
const company = obj({
  ...common,
  name: str(),
  taxId: str(),
  registrationNumber: str(),
  address,
  website: str(),
  industry: str(),
  peppolId: str('Peppol participant id, scheme:id'),
});
const RECORD: Record<Entity, JsonSchema> = {
  lead: obj({
    ...common,
    title: str(),
    name: str(),
    companyName: str(),
    email: str(),
    phone: str(),
    source: str(),
    stageId: str(),
    comments: str(),
    utm: obj({ utm_source: str(), utm_medium: str(), utm_campaign: str(), utm_term: str(), utm_content: str() }),
  }),
  contact,
  company,
  deal: obj({
    ...common,
    title: str(),
    pipelineId: str(),
    stageId: str(),
    amount: num(),
    currency: str('ISO 4217'),
    expectedCloseDate: str('YYYY-MM-DD'),
    paymentTermDays: num('days from issue date to due date'),
    contactIds: list(str()),
    companyId: str(),
    lineItems: list(LINE_ITEM_SCHEMA),
    totals: TOTALS,
  }),
};

const bank = obj({ name: str(), iban: str(), bic: str() });
export const PROFILE_SCHEMA = obj({
  legalName: str(),
  address,
  taxId: str(),
  registrationNumber: str('with address.countryCode EE, the 8-digit registry code'),
  peppolId: str('Peppol participant id, scheme:id'),
  eInvoicing: { type: 'boolean', description: 'e-invoices are produced (absent: false)' },
  email: str(),
  phone: str(),
  website: str(),
  bank,
  logo: str('data: URI of the logo (PNG or JPEG), for <img src="{{tenant.logo}}">'),
  locale: str('et or en (default en)'),
  timeZone: str('IANA (default Europe/Tallinn)'),
  paymentTermDays: num('default 14'),
});

export function dataSchema(entity: Entity): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Template data for a ${entity}`,
    ...obj({
      record: { ...RECORD[entity], description: `The ${entity} the document is generated for.` },
      contact: { ...contact, description: 'The contact: the record itself, or the first contact linked to it.' },
      contacts: list(contact, 'Every contact linked to the record.'),
      company: { ...company, description: 'The company: the record itself, or the company linked to it.' },
      lineItems: list(LINE_ITEM_SCHEMA, 'Deals: the line items with computed net, tax and gross.'),
      totals: { ...TOTALS, description: 'Deals: sums of the line items.' },
      currency: str('The record currency (deals), else the template default.'),
      tenant: obj({ name: str(), ...PROFILE_SCHEMA.properties }, "Your company: the tenant's profile."),
      document: obj(
        {
          number: str('From the template sequence; empty without one.'),
          date: str('YYYY-MM-DD: the issue date (kept for templates written before issueDate).'),
          issueDate: str("YYYY-MM-DD: the request's issueDate, else today in the tenant's time zone."),
          dueDate: str("YYYY-MM-DD: the request's dueDate, else the issue date plus paymentTermDays."),
          deliveryDate: str('YYYY-MM-DD, when the request gives one.'),
          paymentTermDays: num("The request's, else the deal's, else the tenant profile's (default 14)."),
          referenceNumber: str(
            "Estonian reference number (7-3-1): the request's, else the number's digits (the last 19) and their check digit.",
          ),
          draft: { type: 'boolean', description: 'A draft carries no number.' },
          creditNote: {
            type: 'boolean',
            description:
              'Invoices: generated with `creditNote: true` (its e-invoice is a CreditNote, as for a negative total).',
          },
          creditFor: str("Invoices: the number of the invoice a credit note credits (the request's creditFor)."),
          text: str("The request's text: a letter's or contract's body, Markdown-lite ({{markdown document.text}})."),
          name: str(),
        },
        'The document being generated.',
      ),
      payment: obj(
        {
          qr: str(
            'data:image/svg+xml URI of the EPC069-12 payment QR (IBAN, amount, reference), when the tenant has an IBAN and the currency is EUR.',
          ),
        },
        'How to pay.',
      ),
      user: obj(
        { id: str(), role: str(), name: str("The sender's name; absent when they have none.") },
        'Who generates the document.',
      ),
      locale: str(),
    }),
  };
}

export const DATA_SCHEMAS = Object.fromEntries(ENTITIES.map((e) => [e, dataSchema(e)])) as Record<Entity, JsonSchema>;
