import Handlebars from 'handlebars';
import { DomainError } from '#core/errors';
import type { RenderBudget } from '#core/templates/budget';
import { HELPERS } from '#core/templates/helpers';

// One Handlebars environment for every tenant: only our helpers, no partials, and the 4.7 runtime
// guards left at their defaults (no prototype properties or methods, so `constructor`, `__proto__`
// and `lookup` tricks resolve to nothing). Output is HTML-escaped; triple-stash `{{{ }}}` is the
// template author's own choice and only ever sees data the tenant stores.
const env = Handlebars.create();
for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
// A missing partial must not read anything else: there are no partials at all.
env.unregisterHelper('helperMissing');
env.registerHelper('helperMissing', function (this: unknown, ...args: unknown[]) {
  const options = args.at(-1) as { name?: string } | undefined;
  if (args.length > 1) throw new Error(`Unknown helper "${options?.name}".`);
  return undefined;
});

// `each` and `with` (and `{{#list}}` blocks, which Handlebars runs through `each`) count every
// iteration against the render's budget, and the output each iteration adds.
let budget: RenderBudget | undefined;
for (const name of ['each', 'with'] as const) {
  const builtin = env.helpers[name] as Handlebars.HelperDelegate;
  env.registerHelper(name, function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    const counted = budget;
    if (!counted || typeof options?.fn !== 'function') return builtin.call(this, context, options);
    const fn = options.fn;
    const each: Handlebars.TemplateDelegate = (ctx, opts) => {
      counted.enter();
      const out = fn(ctx, opts);
      counted.leave(out);
      return out;
    };
    return builtin.call(this, context, { ...options, fn: Object.assign(each, fn) });
  });
}

const RUNTIME: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

type Compiled = Handlebars.TemplateDelegate;

/** Compiled templates per template version: a version never changes, so neither does its function. */
const cache = new Map<string, Compiled>();
const MAX_CACHED = 500;

export function compiled(cacheKey: string | undefined, source: string): Compiled {
  const hit = cacheKey ? cache.get(cacheKey) : undefined;
  if (hit) return hit;
  const fn = env.compile(source, { noEscape: false, strict: false, preventIndent: true });
  if (cacheKey) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, fn);
  }
  return fn;
}

export interface RenderContext {
  locale: string;
  currency?: string;
}

/**
 * Runs one part; a runtime failure (unknown helper, bad locale) is the template's fault: VALIDATION.
 * With a budget, a part over it is TEMPLATE_TOO_EXPENSIVE, stopped at the iteration that went over.
 */
export function renderPart(
  cacheKey: string | undefined,
  source: string,
  data: unknown,
  ctx: RenderContext,
  within?: RenderBudget,
): string {
  if (!source) return '';
  const outer = budget;
  budget = within;
  try {
    return compiled(cacheKey, source)(data, { ...RUNTIME, data: { locale: ctx.locale, currency: ctx.currency } });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('VALIDATION', `The template could not be rendered: ${(e as Error).message}`, [
      { path: 'template', message: (e as Error).message },
    ]);
  } finally {
    budget = outer;
  }
}

// What Handlebars' escaping turns each character into; a subject or a file name is text, not HTML.
const ESCAPES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x60': '`',
  '#x3D': '=',
};

/** Undoes Handlebars' HTML escaping, for output that is read as text (an email subject, a file name). */
export const unescapeHtml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, name: string) => ESCAPES[name]);
