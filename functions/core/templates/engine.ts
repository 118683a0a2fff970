import Handlebars from 'handlebars';
import { DomainError } from '#core/errors';
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

/** Runs one part; a runtime failure (unknown helper, bad locale) is the template's fault: RENDER_FAILED. */
export function renderPart(cacheKey: string | undefined, source: string, data: unknown, ctx: RenderContext): string {
  if (!source) return '';
  try {
    return compiled(cacheKey, source)(data, { ...RUNTIME, data: { locale: ctx.locale, currency: ctx.currency } });
  } catch (e) {
    throw new DomainError('VALIDATION', `The template could not be rendered: ${(e as Error).message}`, [
      { path: 'template', message: (e as Error).message },
    ]);
  }
}
