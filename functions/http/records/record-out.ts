import * as z from 'zod';
import { DocumentPage } from '#http/documents/schemas';
import type { Entity } from '#core/records/entities';
import { TAX_CATEGORIES } from '#core/records/money';
import { Timestamp, Totals } from '#http/schemas/common';

// What reads return, per entity. Closed objects: the contract test fails when a response
// carries a property the document does not name.

const ListOption = z
  .object({ id: z.string(), label: z.string() })
  .meta({ id: 'ListOption', description: 'A list option as read back: its id and current label.' });
const MoneyValue = z.object({ amount: z.number(), currency: z.string() }).meta({ id: 'MoneyValue' });

export const CustomFieldValue = z
  .union([z.string(), z.number(), z.boolean(), MoneyValue, ListOption, z.array(ListOption), z.null()])
  .meta({
    id: 'CustomFieldValue',
    description:
      'string, text, date (YYYY-MM-DD), datetime, url, email and phone are strings; number a number; boolean a boolean; money `{amount, currency}`; ' +
      'a list field `{id, label}` (null once its option is removed), or an array of them when `multiple`. Write a list value as the option id (or `{id}`).',
  });

const common = {
  id: z.string(),
  ownerId: z.string().nullable().describe('The user who owns the record; null when nobody does.'),
  customFields: z.record(z.string(), CustomFieldValue).describe('Custom field values by field name.'),
  version: z.number().int().describe('Incremented by every change; sent back as the ETag.'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: z.string(),
  updatedBy: z.string(),
};

const Utm = z
  .object({
    utm_source: z.string(),
    utm_medium: z.string(),
    utm_campaign: z.string(),
    utm_term: z.string(),
    utm_content: z.string(),
  })
  .partial();
const Address = z
  .object({
    street: z.string(),
    city: z.string(),
    postalCode: z.string(),
    region: z.string(),
    country: z.string(),
    countryCode: z.string().describe('ISO 3166-1 alpha-2.'),
  })
  .partial()
  .meta({ id: 'Address' });
const LineItem = z
  .object({
    name: z.string(),
    quantity: z.number(),
    unit: z.string().optional(),
    unitPrice: z.number().describe('Negative on a credit line.'),
    discount: z.number().describe('Percent, 0 to 100.'),
    taxRate: z.number().describe('Percent, 0 to 100.'),
    taxCategory: z.enum(TAX_CATEGORIES).describe('UNCL 5305 (S, Z, E, AE, K, G, O).'),
    taxExemptionReason: z.string().optional(),
  })
  .meta({ id: 'LineItem' });
const ConvertedTo = z
  .object({
    conversionId: z.string(),
    outcome: z.enum(['converted', 'junk']),
    contactId: z.string().nullable(),
    companyId: z.string().nullable(),
    dealId: z.string().nullable(),
    at: Timestamp,
    by: z.string(),
  })
  .meta({ id: 'ConvertedTo', description: 'What a lead became, and when and by whom.' });

export const Lead = z
  .object({
    ...common,
    title: z.string(),
    name: z.string().optional(),
    companyName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    source: z.string().optional(),
    utm: Utm.optional(),
    pipelineId: z.string(),
    stageId: z.string(),
    comments: z.string().optional(),
    convertedTo: ConvertedTo.optional().describe('Set by a conversion (or junk); the lead is read-only while it is.'),
    repeatOf: z
      .object({ entity: z.enum(['lead', 'contact']), id: z.string() })
      .optional()
      .describe('Set by form intake: an earlier lead or contact with the same email or phone.'),
  })
  .meta({ id: 'Lead' });

export const Contact = z
  .object({
    ...common,
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    emails: z.array(z.string()).optional(),
    phones: z.array(z.string()).optional().describe('E.164.'),
    position: z.string().optional(),
    companyId: z.string().optional(),
    personalCode: z.string().optional().describe('Estonian personal code (isikukood); not searchable.'),
    emailStatus: z
      .record(z.string(), z.enum(['bounced', 'complained']))
      .optional()
      .describe(
        'Addresses SES reported as bounced (permanently) or complained about, when documents were sent to them.',
      ),
  })
  .meta({ id: 'Contact' });

export const Company = z
  .object({
    ...common,
    name: z.string(),
    taxId: z.string().optional(),
    registrationNumber: z.string().optional(),
    address: Address.optional(),
    website: z.string().optional(),
    industry: z.string().optional(),
    peppolId: z.string().optional().describe('Peppol participant id, `scheme:id`.'),
  })
  .meta({ id: 'Company' });

const dealShape = {
  ...common,
  title: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  lineItems: z.array(LineItem).optional(),
  totals: Totals.optional(),
  expectedCloseDate: z.string().optional(),
  paymentTermDays: z.number().int().optional(),
  source: z.string().optional(),
  utm: Utm.optional(),
  contactIds: z.array(z.string()).optional(),
  companyId: z.string().optional(),
};
export const Deal = z.object(dealShape).meta({ id: 'Deal' });

export const DealCard = z
  .object({
    ...dealShape,
    contacts: z
      .array(
        z.object({
          id: z.string(),
          firstName: z.string().nullable(),
          lastName: z.string().nullable(),
          emails: z.array(z.string()).nullable(),
        }),
      )
      .describe("The deal's contacts, summarised."),
    company: z
      .object({ id: z.string(), name: z.string(), taxId: z.string().nullable() })
      .nullable()
      .describe("The deal's company, summarised; null when it has none."),
    documents: DocumentPage.describe(
      'The first page of its documents, newest first (restricted ones only for those on their list); the rest at GET /v1/deals/{id}/documents.',
    ),
  })
  .meta({
    id: 'DealCard',
    description:
      'A deal with its contacts, company and first documents, in one answer: GET /v1/deals/{id}?include=card.',
  });

export const RECORD_OUT: Record<Entity, z.ZodType> = { lead: Lead, contact: Contact, company: Company, deal: Deal };
export const RECORD_NAME: Record<Entity, string> = {
  lead: 'Lead',
  contact: 'Contact',
  company: 'Company',
  deal: 'Deal',
};
