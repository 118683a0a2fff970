import { SfnError } from '#infra/local/sfn/sfn-error';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The API carries JSON as text and caps it at 256 KiB, as AWS does. */
const MAX_BYTES = 256 * 1024;

export function parseJsonText(text: string, errorName: string, what: string): Json {
  if (Buffer.byteLength(text) > MAX_BYTES) throw new SfnError(errorName, `${what} exceeds 262144 bytes`);
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new SfnError(errorName, `${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** What a Lambda result looks like after the trip through JSON (undefined becomes null, Dates strings). */
export function asJson(value: unknown): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

export function replaceInStrings(value: Json, search: string, replacement: string): Json {
  if (typeof value === 'string') return value.split(search).join(replacement);
  if (Array.isArray(value)) return value.map((item) => replaceInStrings(item, search, replacement));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceInStrings(item, search, replacement)]),
    );
  }
  return value;
}
