// A small writer for the e-invoice's XML: elements in the order they are written, text and
// attributes escaped, and no empty element (Peppol's PEPPOL-EN16931-R008 refuses one), so an
// absent value leaves its element out instead of writing `<cbc:CityName></cbc:CityName>`.

// XML 1.0 allows no C0 control but tab, newline and carriage return, no lone surrogate and no
// U+FFFE/U+FFFF: dropped rather than escaped (there is no escape for them).
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const escapeText = (text: string): string =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

type Attributes = Record<string, string | undefined>;

const attributes = (attrs: Attributes = {}): string =>
  Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');

export class XmlWriter {
  private readonly out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly open: string[] = [];

  private indent = () => '  '.repeat(this.open.length);

  /** Opens `tag`; `close()` ends the innermost open one. */
  start(tag: string, attrs?: Attributes): this {
    this.out.push(`${this.indent()}<${tag}${attributes(attrs)}>`);
    this.open.push(tag);
    return this;
  }

  close(): this {
    const tag = this.open.pop();
    this.out.push(`${this.indent()}</${tag}>`);
    return this;
  }

  /** `<tag>value</tag>`, or nothing when the value is absent or blank. */
  leaf(tag: string, value: string | number | undefined | null, attrs?: Attributes): this {
    if (value === undefined || value === null) return this;
    const text = escapeText(String(value).trim());
    if (text === '') return this;
    this.out.push(`${this.indent()}<${tag}${attributes(attrs)}>${text}</${tag}>`);
    return this;
  }

  /** An element wrapping what `body` writes; left out whole when `when` is false or `body` wrote nothing. */
  group(tag: string, body: () => void, when = true, attrs?: Attributes): this {
    if (!when) return this;
    const mark = this.out.length;
    this.start(tag, attrs);
    body();
    if (this.out.length === mark + 1) {
      this.out.pop();
      this.open.pop();
      return this;
    }
    return this.close();
  }

  toString(): string {
    if (this.open.length) throw new Error(`XML left open: ${this.open.join(' > ')}`);
    return `${this.out.join('\n')}\n`;
  }
}
