import { DomainError } from '#core/errors';
import { sortChoices } from '#core/intake/choices';
import type { IntakeDeps } from '#core/intake/deps';
import type { Receiving, Seen } from '#core/intake/incoming';
import { intakeCaller } from '#core/intake/intake-caller';
import { mapSubmission, UTM_KEYS, validateLead } from '#core/intake/lead-input';
import { readPayload, type FieldValue, type Payload } from '#core/intake/payload';
import { findRepeat } from '#core/intake/repeats';
import { verifySignature } from '#core/intake/signatures';
import { liveSecrets } from '#core/intake/signing-secret';
import type { RecordInput } from '#core/records/compose';
import { schemaOf } from '#core/records/schema-access';

/** What examine found: the lead to write (none for a bot's invalid junk), or why the submission is refused. */
export type Examined = { seen: Seen } & (Lead | { refusal: unknown });
type Lead = Awaited<ReturnType<typeof leadOf>>;

/**
 * Signature, payload, the lead it describes and the record it repeats: everything before the write.
 * A refusal (or an outage) is returned, not thrown, with what the submission showed until then: its
 * log entry keeps the fields and the event id.
 */
export async function examine(deps: IntakeDeps, receiving: Receiving): Promise<Examined> {
  const { form, incoming, context, now } = receiving;
  const signed = context.channel === 'signed';
  let seen: Seen = { fields: {}, utm: context.utm };
  try {
    if (signed)
      verifySignature(
        form.provider,
        liveSecrets(form.secrets, now),
        incoming.headers,
        incoming.body ?? Buffer.alloc(0),
        now,
      );
    // Only a verified signature makes the event id the sender's (a replay is then answered as the first).
    const header = signed && form.provider === 'standard' ? incoming.headers['webhook-id'] : undefined;
    if (header) seen = { ...seen, eventId: header };
    const payload = readPayload(form.provider, signed, await incoming.decode());
    const eventId = seen.eventId ?? (signed ? payload.eventId : undefined);
    seen = {
      fields: payload.fields,
      utm: { ...pickUtm(payload.fields), ...context.utm },
      ...(eventId ? { eventId } : {}),
    };
    return { seen, ...(await leadOf(deps, receiving, payload, seen.utm)) };
  } catch (refusal) {
    return { seen, refusal };
  }
}

async function leadOf(deps: IntakeDeps, { form, tenant }: Receiving, payload: Payload, utm: Record<string, string>) {
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
  const input = withUtm(chosen, utm);
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
