// JSON.stringify cannot write some texts a hostile client can: `-0` (it prints 0), `1e400` (a number
// JSON.parse turns into Infinity), integers past 2^53 digit for digit. A RawJson leaf is written verbatim.

export class RawJson {
  constructor(readonly text: string) {}
  /** fast-check and failure messages show the raw text. */
  toString(): string {
    return `RawJson(${this.text})`;
  }
}

export const raw = (text: string): RawJson => new RawJson(text);

/** JSON text of a generated value, RawJson leaves included. Own `__proto__` keys survive as data. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJsonText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    return `{${entries.map((k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
