import type { Entity } from '#core/records/entities';

// Request body examples for the document; the contract test parses each with its route's schema.

export const RECORD_EXAMPLES: Record<Entity, Record<string, unknown>> = {
  lead: {
    title: 'Website enquiry: 40 seats',
    name: 'Jane Roe',
    companyName: 'Acme GmbH',
    email: 'jane@acme.example',
    phone: '+4930123456',
    source: 'web-form',
    utm: { utm_source: 'newsletter', utm_campaign: 'spring' },
  },
  contact: {
    firstName: 'Jane',
    lastName: 'Roe',
    emails: ['jane@acme.example'],
    phones: ['+4930123456'],
    position: 'CTO',
    companyId: 'com_01JD3V6Y5Q8W7X2M4N9P0R1S2T',
  },
  company: {
    name: 'Acme GmbH',
    taxId: 'DE123456789',
    address: { city: 'Berlin', country: 'Germany', countryCode: 'DE' },
    website: 'https://acme.example',
    industry: 'Software',
  },
  deal: {
    title: 'Acme: 40 seats',
    currency: 'EUR',
    expectedCloseDate: '2026-12-31',
    companyId: 'com_01JD3V6Y5Q8W7X2M4N9P0R1S2T',
    contactIds: ['con_01JD3V6Y5Q8W7X2M4N9P0R1S2V'],
    lineItems: [{ name: 'Seat licence', quantity: 40, unit: 'seat', unitPrice: 29.9, discount: 10, taxRate: 19 }],
    customFields: { priority: 'opt_01JD3V6Y5Q8W7X2M4N9P0R1S2W' },
  },
};

export const RECORD_PATCH_EXAMPLES: Record<Entity, Record<string, unknown>> = {
  lead: { stageId: 'stg_01JD3V6Y5Q8W7X2M4N9P0R1S2X', comments: 'Called back; wants a demo.' },
  contact: { position: 'CEO', phones: null },
  company: { industry: 'Manufacturing', website: null },
  deal: { stageId: 'stg_01JD3V6Y5Q8W7X2M4N9P0R1S2X', ownerId: 'user-42' },
};
