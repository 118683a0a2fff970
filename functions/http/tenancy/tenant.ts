import { updateTenantSettings } from '#core/tenancy/tenant-settings';
import { etag } from '#http/request';
import { ok, route } from '#http/route';
import { TenantSchema } from '#http/tenancy/schemas';
import { TenantSettingsPatchBody } from '#http/tenancy/tenant-settings';

const tag = 'Tenant';

export const tenantRoutes = [
  route({
    method: 'GET',
    path: '/v1/tenant',
    operationId: 'getOwnTenant',
    summary: "The caller's tenant: name, plan, seats, status, profile, mail settings, accepted words",
    tag,
    auth: 'tenant',
    success: { status: 200, schema: TenantSchema, description: 'The tenant', headers: ['etag'] },
    // Authentication already read the tenant in the same round trip as the key.
    handler: async (_input, { caller: { tenant } }) => ok(tenant, { etag: etag(tenant.version) }),
  }),
  route({
    method: 'PATCH',
    path: '/v1/tenant',
    operationId: 'updateOwnTenant',
    summary: "Edit the tenant's name (owners), profile, mail settings and accepted words (owners and admins; audited)",
    description:
      "`name` is the owner's to change: an admin sending it gets 403 at `body.name`. " +
      '`profile` and `mailSettings` are JSON merge patches: members sent replace the stored ones, `null` removes one. ' +
      '`acceptedWords` and `approvalLinkTemplate` replace the stored value (`null` removes it). `acceptanceStageId` must be a stage of a deal pipeline. IBAN and BIC are stored compact (no spaces, upper case); ' +
      "the IBAN check digits (and an EEA IBAN's length) are verified. `address.countryCode` is ISO 3166-1 alpha-2; " +
      'with it `EE`, `registrationNumber` must be an 8-digit registry code; a `taxId` starting with EE must be EE and 9 digits ' +
      '(stored compact); `peppolId` is `scheme:id`. Only values sent are checked: a stored one never refuses an edit of another.',
    tag,
    auth: 'tenant',
    ports: ['tenancy', 'records'],
    role: 'admin',
    ifMatch: true,
    body: TenantSettingsPatchBody,
    example: {
      profile: {
        legalName: 'Acme GmbH',
        address: {
          street: 'Hauptstraße 1',
          city: 'Berlin',
          postalCode: '10115',
          country: 'Germany',
          countryCode: 'DE',
        },
        taxId: 'DE123456789',
        email: 'billing@acme.example',
        bank: { name: 'Berliner Bank', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
      },
      mailSettings: { fromName: 'Acme Sales', replyTo: 'sales@acme.example', signature: 'Kind regards, Acme' },
      acceptedWords: ['Acme', 'Dossier'],
    },
    success: { status: 200, schema: TenantSchema, description: 'The updated tenant', headers: ['etag'] },
    handler: async ({ body, ifMatch }, { caller, deps }) => {
      const tenant = await updateTenantSettings(deps.tenancy, caller, body, ifMatch, undefined, async () =>
        (await deps.records.schema.load(caller.tenantId, caller.tenant.schemaVersion)).pipelines
          .filter((p) => p.entity === 'deal')
          .flatMap((p) => p.stages.map((s) => s.id)),
      );
      return ok(tenant, { etag: etag(tenant.version) });
    },
  }),
];
