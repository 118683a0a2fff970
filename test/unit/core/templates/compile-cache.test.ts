import { describe, expect, it } from 'vitest';
import { compiled } from '#core/templates/engine';
import { renderHtml, type TemplateSource } from '#core/templates/render-html';
import { DEFAULT_PAPER } from '#core/templates/template';

const source = (body: string): TemplateSource => ({
  body,
  css: '',
  header: '',
  footer: '<span>{{document.number}}</span>',
  paper: DEFAULT_PAPER,
  locale: 'en-US',
});

describe('compiled templates are cached per template version', () => {
  it('compiles a version once and reuses the function', () => {
    const first = compiled('ten_a/tpl_1@1#body', '<p>{{name}}</p>');
    expect(compiled('ten_a/tpl_1@1#body', '<p>{{name}}</p>')).toBe(first);
    expect(compiled('ten_a/tpl_1@2#body', '<p>{{name}}</p>')).not.toBe(first);
  });

  it('renders each version with its own source: a new version is never served from the old one', () => {
    const data = { name: 'Acme', document: { number: 'N-1' } };
    expect(renderHtml(source('<p>v1 {{name}}</p>'), data, 'ten_b/tpl_1@1').html).toContain('<p>v1 Acme</p>');
    expect(renderHtml(source('<p>v2 {{name}}</p>'), data, 'ten_b/tpl_1@2').html).toContain('<p>v2 Acme</p>');
    expect(renderHtml(source('<p>changed</p>'), data, 'ten_b/tpl_1@1').html).toContain('<p>v1 Acme</p>');
    expect(renderHtml(source('<p>v2 {{name}}</p>'), data, 'ten_b/tpl_1@2').footer).toBe('<span>N-1</span>');
  });

  it('keeps tenants apart: the same template id and version of another tenant compiles its own source', () => {
    const data = { name: 'x' };
    expect(renderHtml(source('A'), data, 'ten_c/tpl_1@1').html).toContain('<body>A</body>');
    expect(renderHtml(source('B'), data, 'ten_d/tpl_1@1').html).toContain('<body>B</body>');
  });

  it('compiles every time without a cache key (previews of unsaved sources)', () => {
    expect(compiled(undefined, '{{a}}')).not.toBe(compiled(undefined, '{{a}}'));
  });
});
