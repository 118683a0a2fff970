import type { Form } from '#core/intake/form';
import type { Submission } from '#core/intake/submission';

/** A form as admins see it: never its secrets, only when they changed. `intakeUrl` is where it posts (the HTTP layer knows). */
export function presentForm(form: Form, intakeUrl: string) {
  const { secrets, ...settings } = form;
  return {
    ...settings,
    intakeUrl,
    secretCreatedAt: secrets[0].createdAt,
    previousSecretExpiresAt: secrets[1]?.expiresAt ?? null,
  };
}

/** The log entry; a spam or refused submission has no lead (yet), whatever id it was answered with. */
export function presentSubmission(s: Submission) {
  const { leadInput: _kept, leadId, ...rest } = s;
  return { ...rest, leadId: s.status === 'spam' || s.status === 'rejected' ? null : (leadId ?? null) };
}
