import { config } from '#config';
import type { Form } from '#core/intake/form';
import { presentForm as presentFormAt } from '#core/intake/present';
import { publicUrl } from '#http/public-url';

export const intakePath = (tenantId: string, formId: string) => `/v1/intake/${tenantId}/${formId}`;

/** On AWS intake has its own HTTP API (INTAKE_BASE_URL); locally it is the API that answered. */
function intakeUrl(headers: Record<string, string>, tenantId: string, formId: string): string {
  const base = config().INTAKE_BASE_URL;
  return base
    ? `${base.replace(/\/$/, '')}${intakePath(tenantId, formId)}`
    : publicUrl(headers, intakePath(tenantId, formId));
}

/** core's presenter, given the URL the form posts to: the intake API's own, or the one that answered. */
export const presentForm = (form: Form, tenantId: string, headers: Record<string, string>) =>
  presentFormAt(form, intakeUrl(headers, tenantId, form.id));
