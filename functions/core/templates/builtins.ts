import { contract } from '#templates/contract';
import { invoice } from '#templates/invoice';
import { letter } from '#templates/letter';
import { offer } from '#templates/offer';
import { DEFAULT_PAPER, type BuiltinName, type TemplateContent } from '#core/templates/template';

const BUILTINS = { offer, contract, invoice, letter };

/** A built-in's content, to be copied into a tenant template (its name comes from the request). */
export function builtinContent(name: BuiltinName): Omit<TemplateContent, 'name'> {
  return { ...BUILTINS[name], paper: DEFAULT_PAPER, locale: 'en-US', sequenceId: null, subject: '' };
}
