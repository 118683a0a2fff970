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

const address = obj({ street: str(), city: str(), postalCode: str(), region: str(), country: str() });

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
  unitPrice: num(),
  discount: num('percent'),
  taxRate: num('percent'),
  net: num('quantity × unitPrice less discount'),
  tax: num(),
  gross: num(),
});
const TOTALS = obj({ net: num(), tax: num(), gross: num() });

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
});
const company = obj({
  ...common,
  name: str(),
  taxId: str(),
  registrationNumber: str(),
  address,
  website: str(),
  industry: str(),
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
  registrationNumber: str(),
  email: str(),
  phone: str(),
  website: str(),
  bank,
  logo: str('data: URI of the logo (PNG or JPEG), for <img src="{{tenant.logo}}">'),
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
          date: str('YYYY-MM-DD, the day of generation.'),
          name: str(),
        },
        'The document being generated.',
      ),
      user: obj({ id: str(), role: str() }, 'Who generates the document.'),
      locale: str(),
    }),
  };
}

export const DATA_SCHEMAS = Object.fromEntries(ENTITIES.map((e) => [e, dataSchema(e)])) as Record<Entity, JsonSchema>;
