import { forbidden } from '#core/errors';
import type { IntakeDeps } from '#core/intake/deps';
import type { Form } from '#core/intake/form';
import { openForm } from '#core/intake/open-form';

export const allowedOrigin = (form: Form, origin: string | undefined): string | undefined =>
  origin && form.allowedOrigins.includes(origin) ? origin : undefined;

/** A CORS preflight: the form's origins only (404 for an unknown form, 403 for another origin). */
export async function preflight(deps: IntakeDeps, tenantId: string, formId: string, origin: string | undefined) {
  const { form } = await openForm(deps, tenantId, formId);
  return allowedOrigin(form, origin) ?? forbidden(`Origin ${origin ?? '(none)'} may not post to this form.`);
}
