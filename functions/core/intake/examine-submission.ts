import { DomainError } from '#core/errors';
import { sortChoices } from '#core/intake/choices';
import type { IntakeDeps } from '#core/intake/deps';
import type { Receiving } from '#core/intake/incoming';
import { intakeCaller } from '#core/intake/intake-caller';
import { mapSubmission, UTM_KEYS, validateLead } from '#core/intake/lead-input';
import { readPayload, type FieldValue } from '#core/intake/payload';
import { findRepeat } from '#core/intake/repeats';
import { verifySignature } from '#core/intake/signatures';
import { liveSecrets } from '#core/intake/signing-secret';
import type { RecordInput } from '#core/records/compose';
import { schemaOf } from '#core/records/schema-access';

/** Signature, payload, the lead it describes and the record it repeats: everything before the write. */
export async function examine(deps: IntakeDeps, receiving: Receiving) {
  const { form, tenant, incoming, context, seen, now } = receiving;
  const signed = context.channel === 'signed';
  if (signed)
    verifySignature(
      form.provider,
      liveSecrets(form.secrets, now),
      incoming.headers,
      incoming.body ?? Buffer.alloc(0),
      now,
    );
  if (signed && form.provider === 'standard') seen.eventId = incoming.headers['webhook-id'];
  const payload = readPayload(form.provider, signed, await incoming.decode());
  seen.fields = payload.fields;
  if (signed) seen.eventId ??= payload.eventId;
  context.utm = { ...pickUtm(payload.fields), ...context.utm };
  const schema = await schemaOf(deps.records, intakeCaller(tenant));
  const leadFields = schema.fields.filter((f) => f.entity === 'lead');
  const mapped = mapSubmission(
    form,
    payload.fields,
    leadFields.map((f) => f.name),
  );
  const checked = validateLead(form, mapped);
  const honeypot = form.honeypotField !== undefined && isFilled(payload.fields[form.honeypotField]);
  if (!checked.input) {
    // A bot's junk is spam, not a refusal it could learn from.
    if (honeypot) return { payload, mapped, input: undefined, repeat: undefined, warnings: [] };
    throw new DomainError('VALIDATION', 'Some submitted fields are missing or invalid.', checked.errors);
  }
  const { input: chosen, warnings } = sortChoices(leadFields, mapped, checked.input);
  const input = withUtm(chosen, context.utm);
  const repeat = honeypot ? undefined : await findRepeat(deps.records, tenant.id, input);
  return { payload, mapped, input, repeat, warnings };
}

export const isFilled = (v: FieldValue | undefined) => v !== undefined && String(v).trim() !== '';

function pickUtm(fields: Record<string, FieldValue>): Record<string, string> {
  return Object.fromEntries(UTM_KEYS.filter((k) => isFilled(fields[k])).map((k) => [k, String(fields[k])]));
}

/** UTM tags of the page URL (the query) count when the form itself sent none. */
function withUtm(input: RecordInput, utm: Record<string, string>): RecordInput {
  if (input.utm || !Object.keys(utm).length) return input;
  return { ...input, utm: Object.fromEntries(Object.entries(utm).map(([k, v]) => [k, v.slice(0, 200)])) };
}
