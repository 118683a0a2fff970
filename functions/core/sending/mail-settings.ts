import type { Tenant } from '#core/tenancy/caller';
import type { MailSettings } from '#core/tenancy/profile';

export type { MailSettings };

/** The tenant's say in its emails (set with `PATCH /v1/tenant`, core/tenancy/tenant-settings.ts), or none: every field has a default where it is used. */
export const tenantMailSettings = (tenant: Tenant): MailSettings => tenant.mailSettings ?? {};

/** `"<name> via Dossier"`: mail goes from the platform's verified domain, in the tenant's name. */
export const senderName = (tenant: Tenant, settings: MailSettings): string =>
  `${(settings.fromName ?? tenant.name).replace(/[\u0000-\u001f\u007f-\u009f"]/g, ' ').trim()} via Dossier`;
