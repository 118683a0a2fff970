import Handlebars from 'handlebars';

// Email templates run in their own Handlebars environment: values are HTML-escaped, prototype
// access stays off (the 4.7 defaults), and only the helpers below exist. When the templates
// capability's engine lands, email templates move onto it (same helpers as document templates).
const env = Handlebars.create();

/** Plain text kept as the sender wrote it: paragraphs on blank lines, line breaks within them. */
env.registerHelper('lines', (text: unknown) => {
  const paragraphs = String(text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split(/\r?\n/).map(Handlebars.escapeExpression).join('<br>')}</p>`);
  return new Handlebars.SafeString(paragraphs.join('\n'));
});

/** An ISO instant as a plain UTC date and time, the same for every reader. */
env.registerHelper('date', (iso: unknown) => {
  const d = new Date(String(iso));
  return Number.isNaN(d.getTime()) ? '' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
});

const RUNTIME: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** `plain`: a subject, which is text, not HTML (it is never escaped, and never parsed as markup). */
export function renderTemplate(source: string, data: Record<string, unknown>, plain = false): string {
  const key = `${plain ? 'text' : 'html'}:${source}`;
  let fn = cache.get(key);
  if (!fn) {
    fn = env.compile(source, { strict: false, preventIndent: true, noEscape: plain });
    cache.set(key, fn);
  }
  return fn(data, RUNTIME);
}
