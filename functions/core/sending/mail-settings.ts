import * as z from 'zod';
import { DEFAULT_CONFLICT_RETRY, retryConflicts } from '#core/conflict-retry';
import { DomainError, notFound } from '#core/errors';
import { newId, now } from '#core/ids';
import { Email } from '#core/records/standard-fields';
import type { Tenant, TenantCaller } from '#core/tenancy/caller';
import type { TenancyStore } from '#core/tenancy/ports';
import { parseInput } from '#core/validation';

import type { MailSettings } from '#core/templates/profile';

export type { MailSettings };

/** The tenant's say in its emails (`PATCH /v1/tenant` `mailSettings`), or none: every field has a default where it is used. */
export const tenantMailSettings = (tenant: Tenant): MailSettings => tenant.mailSettings ?? {};

/** `"<name> via Dossier"`: mail goes from the platform's verified domain, in the tenant's name. */
export const senderName = (tenant: Tenant, settings: MailSettings): string =>
  `${(settings.fromName ?? tenant.name).replace(/[\u0000-\u001f\u007f"]/g, ' ').trim()} via Dossier`;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** `PATCH /v1/tenant` `{mailSettings}`: replaced whole, `null` clears them. Names and addresses are header material: one line each. */
export const MailSettingsInput = z
  .strictObject({
    fromName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((s) => !CONTROL.test(s) && !s.includes('"'), { message: 'must be one line, without quotes' })
      .optional()
      .describe('Shown as "<fromName> via Dossier"; the tenant name when absent.'),
    replyTo: Email.optional().describe('Where replies go; without it replies reach nobody (no-reply).'),
    signature: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe('Plain text closing every email (line breaks kept).'),
  })
  .meta({ id: 'MailSettings' });

export const TenantSettingsPatch = z.strictObject({ mailSettings: MailSettingsInput.nullable() });

export async function updateMailSettings(
  store: TenancyStore,
  caller: TenantCaller,
  body: unknown,
  expected?: number,
  retry = DEFAULT_CONFLICT_RETRY,
): Promise<Tenant> {
  const parsed = parseInput(TenantSettingsPatch, body, '');
  if (parsed.errors) throw new DomainError('VALIDATION', 'The tenant change is invalid.', parsed.errors);
  const settings = parsed.data!.mailSettings ?? undefined;
  return retryConflicts(retry, expected === undefined, 'tenant', async () => {
    const current = (await store.getTenant(caller.tenantId)) ?? notFound('tenant', caller.tenantId);
    if (expected !== undefined && expected !== current.version)
      throw new DomainError('VERSION_CONFLICT', `The tenant is at version ${current.version}, not ${expected}.`);
    if (JSON.stringify(current.mailSettings ?? null) === JSON.stringify(settings ?? null)) return current;
    const at = now();
    const next: Tenant = { ...current, mailSettings: settings, version: current.version + 1, updatedAt: at };
    if (!settings) delete next.mailSettings;
    await store.updateTenant(next, {
      id: newId('evt'),
      tenantId: current.id,
      at,
      by: caller.userId,
      changes: { mailSettings: { from: current.mailSettings ?? null, to: settings ?? null } },
    });
    return next;
  });
}
