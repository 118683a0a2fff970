import { afterEach, describe, expect, it } from 'vitest';
import { renderPart } from '#core/templates/engine';

const render = (source: string, data: unknown = { name: 'Acme', items: [{ n: 1 }] }) =>
  renderPart(undefined, source, data, { locale: 'en-US' });

// What a template author could try to reach code or globals through; each must render as nothing.
const TRICKS = [
  '{{constructor}}',
  '{{constructor.constructor}}',
  '{{name.constructor.constructor}}',
  '{{#with "s"}}{{#with split as |c|}}{{c.constructor}}{{/with}}{{/with}}',
  '{{__proto__}}',
  '{{name.__proto__.toString}}',
  '{{lookup this "constructor"}}',
  '{{lookup (lookup this "constructor") "constructor"}}',
  '{{#each items}}{{lookup this "__proto__"}}{{/each}}',
  '{{__defineGetter__}}{{__lookupGetter__}}{{valueOf}}{{hasOwnProperty}}',
];

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('templates cannot reach prototypes', () => {
  it.each(TRICKS)('renders %s as nothing', (source) => {
    expect(render(source)).toBe('');
  });

  it('runs no code through the Function constructor reached by lookup and call', () => {
    (globalThis as Record<string, unknown>).ran = false;
    const source =
      '{{#with (lookup (lookup this "constructor") "constructor") as |F|}}{{F "globalThis.ran = true"}}{{/with}}';
    try {
      render(source);
    } catch {
      /* refusing to render is as good as rendering nothing */
    }
    expect((globalThis as Record<string, unknown>).ran).toBe(false);
  });

  it('does not pollute Object.prototype through data or block params', () => {
    render('{{#with __proto__ as |p|}}{{p.polluted}}{{/with}}', JSON.parse('{"__proto__": {"polluted": "yes"}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads own properties of data as usual', () => {
    expect(render('{{name}} {{items.[0].n}} {{lookup this "name"}}')).toBe('Acme 1 Acme');
  });
});
