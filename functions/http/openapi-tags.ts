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
  { name: 'Users', description: "The tenant's members that keys act for; active users take the tenant's seats." },
  { name: 'Leads', description: 'Incoming interest, in a lead pipeline, before conversion.' },
  {
    name: 'Lead conversion',
    description:
      'A lead becomes any mix of contact, company and deal (or junk), atomically, with a dry run and a 24-hour undo.',
  },
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
  {
    name: 'Events',
    description:
      'Every committed change, written in its own transaction (a transactional outbox), kept 30 days: a pull feed today, signed webhooks next.',
  },
  {
    name: 'Webhooks',
    description:
      "Subscriptions that post the tenant's events to its own URLs, signed as Standard Webhooks: secrets shown once and rotated with 24 h of overlap, filters on the events' data, at most 20 per tenant. Admins and owners only.",
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
    name: 'Search',
    description:
      "One ranked search across documents (by the text inside them) and records, per tenant, checked against each hit's access when asked.",
  },
  {
    name: 'Templates',
    description: 'Handlebars document templates with immutable versions, built-ins, data schemas and previews.',
  },
  { name: 'Sequences', description: 'Gap-free document numbering with prefixes, date parts and reset periods.' },
  {
    name: 'Approval routes',
    description: 'Sequences of approval stages; publishing appends an immutable version, which new approvals pin.',
  },
  {
    name: 'Approvals',
    description:
      'A document version approved along a pinned route version on Step Functions, with its audit trail; voided by a new version.',
  },
  {
    name: 'Approval tasks',
    description:
      'One task per approver and stage: decide it (or delegate it); the workflow token never leaves the server.',
  },
  {
    name: 'Sending',
    description:
      'Documents sent to clients by email (SES), attached or as an expiring link; every send is tracked on the timelines.',
  },
  {
    name: 'Share links',
    description: 'Public, expiring download links to a document; the token is shown once and stored as a hash.',
  },
  {
    name: 'Pages',
    description:
      "HTML pages for people who hold a link and no API key (outside `/v1`): the approver's page (`/a/{token}`), the client's page (`/s/{token}`) and their stylesheet. Not for programs: they answer `text/html`.",
  },
  {
    name: 'Custom fields',
    description: "Tenant-defined fields per entity; values appear under a record's `customFields`.",
  },
];
