import { DomainError } from '#core/errors';
import type { Provider } from '#core/intake/form';

export type FieldValue = string | number | boolean | string[];

/** What a submission says, whatever sent it: its fields by name and the sender's replay key, if any. */
export interface Payload {
  fields: Record<string, FieldValue>;
  /** The provider's event id (Typeform `event_id`, Tally `eventId`); Standard Webhooks carry theirs in a header. */
  eventId?: string;
}

const malformed = (message: string, path = ''): never => {
  throw new DomainError('VALIDATION', message, [{ path, message }]);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(value: unknown): FieldValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.map(String);
  return undefined;
}

/** A plain object of fields: JSON, or what a urlencoded or multipart form decoded to. */
function standardPayload(body: unknown): Payload {
  if (!isObject(body)) malformed('The body must be an object of fields.');
  const fields: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const v = scalar(value);
    if (v !== undefined) fields[name] = v;
  }
  return { fields };
}

/** Typeform's answer value by answer type; choices by their label, as the form shows them. */
function typeformValue(answer: Record<string, unknown>): FieldValue | undefined {
  const type = String(answer.type);
  const v = answer[type];
  if (type === 'choice' && isObject(v)) return scalar(v.label ?? v.other);
  if (type === 'choices' && isObject(v))
    return scalar([...((v.labels as string[]) ?? []), ...(v.other ? [v.other] : [])]);
  return scalar(v);
}

function typeformPayload(body: unknown): Payload {
  if (!isObject(body) || !isObject(body.form_response))
    malformed('A Typeform webhook carries form_response.', 'form_response');
  const response = (body as { form_response: Record<string, unknown> }).form_response;
  const fields: Record<string, FieldValue> = {};
  if (isObject(response.hidden))
    for (const [name, value] of Object.entries(response.hidden)) {
      const v = scalar(value);
      if (v !== undefined && v !== '') fields[name] = v;
    }
  const answers = Array.isArray(response.answers) ? response.answers : [];
  for (const answer of answers) {
    if (!isObject(answer) || !isObject(answer.field)) continue;
    const ref = answer.field.ref;
    const v = typeformValue(answer);
    if (typeof ref === 'string' && v !== undefined) fields[ref] = v;
  }
  const eventId = (body as Record<string, unknown>).event_id;
  return { fields, eventId: typeof eventId === 'string' && eventId ? eventId : undefined };
}

/** Tally sends choice values as option ids: the lead gets the option text. */
function tallyValue(field: Record<string, unknown>): FieldValue | undefined {
  const options = Array.isArray(field.options) ? (field.options as Array<{ id?: unknown; text?: unknown }>) : [];
  const text = (id: unknown) => String(options.find((o) => o.id === id)?.text ?? id);
  if (options.length && Array.isArray(field.value)) return field.value.map(text);
  if (options.length && typeof field.value === 'string') return text(field.value);
  return scalar(field.value);
}

function tallyPayload(body: unknown): Payload {
  if (!isObject(body) || !isObject(body.data) || !Array.isArray(body.data.fields))
    malformed('A Tally webhook carries data.fields.', 'data.fields');
  const fields: Record<string, FieldValue> = {};
  for (const field of (body as { data: { fields: unknown[] } }).data.fields) {
    if (!isObject(field)) continue;
    const v = tallyValue(field);
    if (v === undefined || v === null) continue;
    // A mapping may name a field by its key or by its label.
    if (typeof field.label === 'string' && field.label) fields[field.label] = v;
    if (typeof field.key === 'string' && field.key) fields[field.key] = v;
  }
  const eventId = (body as Record<string, unknown>).eventId;
  return { fields, eventId: typeof eventId === 'string' && eventId ? eventId : undefined };
}

/** Browser posts are always plain fields; signed posts follow their provider's payload. */
export function readPayload(provider: Provider, signed: boolean, body: unknown): Payload {
  if (!signed || provider === 'standard') return standardPayload(body);
  return provider === 'typeform' ? typeformPayload(body) : tallyPayload(body);
}
