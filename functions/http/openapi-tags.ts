/** Top-level tags, in the order a reader meets them; routes name one of these. */
export const OPENAPI_TAGS = [
  { name: 'Platform', description: 'Liveness and this document; no key needed.' },
  {
    name: 'Platform admin',
    description: 'Tenants, their plans and audit trail, deep health checks; the platform admin key only.',
  },
  { name: 'Tenant', description: "The caller's own tenant." },
  {
    name: 'API keys',
    description: 'Role-scoped keys acting as one user; secrets are shown once and stored only as hashes.',
  },
  { name: 'Leads', description: 'Incoming interest, in a lead pipeline, before conversion.' },
  { name: 'Contacts', description: 'People, optionally at a company.' },
  { name: 'Companies', description: 'Organisations, with their contacts and deals.' },
  { name: 'Deals', description: 'Opportunities in a pipeline, with line items, contacts and a company.' },
  {
    name: 'Forms',
    description:
      'Web forms and form services (Typeform, Tally) that create leads; their signing secrets and submission logs.',
  },
  {
    name: 'Intake',
    description:
      'The public endpoint forms post to: signed webhooks or browser posts from allowed origins; no API key.',
  },
  { name: 'Pipelines', description: 'Pipelines ("directions") and their ordered stages, for deals and leads.' },
  {
    name: 'Uploads',
    description:
      'Reserve quota and get a presigned PUT; the upload becomes a document (or a new version) when its bytes arrive.',
  },
  {
    name: 'Documents',
    description: 'Files on records: versions, links to records, relations, access rights, downloads.',
  },
  {
    name: 'Share links',
    description: 'Public, expiring download links to a document; the token is shown once and stored as a hash.',
  },
  {
    name: 'Custom fields',
    description: "Tenant-defined fields per entity; values appear under a record's `customFields`.",
  },
];
