import type { Tenant } from '#core/tenancy/caller';

/** The tenant's say in the emails it sends (`PATCH /v1/tenant` `mailSettings`). */
export interface MailSettings {
  fromName?: string;
  replyTo?: string;
  signature?: string;
}

/** The tenant's settings, or none: every field has a default where it is used. */
export const tenantMailSettings = (tenant: Tenant): MailSettings =>
  (tenant as Tenant & { mailSettings?: MailSettings }).mailSettings ?? {};

/** `"<name> via Dossier"`: mail goes from the platform's verified domain, in the tenant's name. */
export const senderName = (tenant: Tenant, settings: MailSettings): string =>
  `${(settings.fromName ?? tenant.name).replace(/[\u0000-\u001f\u007f"]/g, ' ').trim()} via Dossier`;
