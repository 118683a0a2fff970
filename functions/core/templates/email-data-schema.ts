import { dataSchema, type JsonSchema } from '#core/templates/data-schema';

// What an email template (`kind: "email"`) sees: the send's data (core/sending/email-data.ts,
// README "Sending documents by email"), not a record's. Checking an email template against the
// document data model flagged its own documented variables (`recipient.name`, `link`,
// `signature`) as unknown. The deal, its totals and the tenant are the document data model's own
// schemas, so the two models cannot drift apart.

const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const obj = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: 'object',
  properties,
  additionalProperties: false,
  ...(description ? { description } : {}),
});
const paragraphs = (description: string): JsonSchema => ({
  type: 'array',
  items: { type: 'array', items: str() },
  description,
});

export function emailDataSchema(): JsonSchema {
  const documentData = dataSchema('deal').properties!;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Template data for an email',
    ...obj({
      subject: str('The subject the send gave, if any.'),
      message: paragraphs("The sender's message: paragraphs of lines."),
      greeted: { type: 'boolean', description: 'Whether the message opens with its own greeting.' },
      signature: paragraphs("The tenant's mail signature: paragraphs of lines."),
      document: obj(
        {
          ...documentData.document.properties,
          number: str(),
          issueDate: str('YYYY-MM-DD'),
          dueDate: str('YYYY-MM-DD'),
          referenceNumber: str(),
          contentType: str(),
          size: { type: 'number', description: 'Bytes.' },
        },
        'The document sent.',
      ),
      link: obj(
        {
          url: str(),
          expiresAt: str('ISO 8601'),
          acceptance: { type: 'boolean', description: 'The page asks the client to accept or decline.' },
        },
        "Sent as a link to the client's page: where, until when, and whether it asks for an answer.",
      ),
      eInvoice: obj({ name: str() }, "Attached beside the document: its e-invoice XML's file name."),
      recipient: obj({ name: str(), email: str() }, 'The first recipient.'),
      contact: obj({ id: str(), fullName: str(), email: str() }, 'The first recipient, when a contact.'),
      deal: { ...documentData.record, description: 'The deal the document was generated for, if any.' },
      totals: documentData.totals,
      currency: str('The deal currency, else EUR.'),
      tenant: {
        ...documentData.tenant,
        properties: { ...documentData.tenant.properties, timeZone: str('IANA, default Europe/Tallinn') },
      },
      locale: str(),
    }),
  };
}

export const EMAIL_DATA_SCHEMA = emailDataSchema();
