import { notFound } from '#core/errors';
import type { IntakeDeps } from '#core/intake/deps';

/** The form a public request names, with its tenant: unknown, deleted or disabled forms are all 404 alike. */
export async function openForm(deps: IntakeDeps, tenantId: string, formId: string) {
  const { form, tenant } = await deps.intake.formWithTenant(tenantId, formId);
  if (!form || !form.enabled || !tenant || tenant.status !== 'active') return notFound('form', formId);
  return { form, tenant };
}
