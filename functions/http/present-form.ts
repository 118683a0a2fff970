import { config } from '#config';
import type { Form } from '#core/intake/form';
import type { Submission } from '#core/intake/submission';
import { publicUrl } from '#http/public-url';

export const intakePath = (tenantId: string, formId: string) => `/v1/intake/${tenantId}/${formId}`;

/** On AWS intake has its own HTTP API (INTAKE_BASE_URL); locally it is the API that answered. */
function intakeUrl(headers: Record<string, string>, tenantId: string, formId: string): string {
  const base = config().INTAKE_BASE_URL;
  return base
    ? `${base.replace(/\/$/, '')}${intakePath(tenantId, formId)}`
    : publicUrl(headers, intakePath(tenantId, formId));
}

/** A form as admins see it: never its secrets, only when they changed. */
export function presentForm(form: Form, tenantId: string, headers: Record<string, string>) {
  const { secrets, ...settings } = form;
  return {
    ...settings,
    intakeUrl: intakeUrl(headers, tenantId, form.id),
    secretCreatedAt: secrets[0].createdAt,
    previousSecretExpiresAt: secrets[1]?.expiresAt ?? null,
  };
}

/** The log entry; a spam or refused submission has no lead (yet), whatever id it was answered with. */
export function presentSubmission(s: Submission) {
  const { leadInput: _kept, leadId, ...rest } = s;
  return { ...rest, leadId: s.status === 'spam' || s.status === 'rejected' ? null : (leadId ?? null) };
}
