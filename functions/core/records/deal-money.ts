import { invalid, type FieldError } from '#core/errors';
import { MAX_ABS } from '#core/numbers';
import { minorUnits } from '#core/records/currencies';
import { computeTotals, lineNetMinor, moneyProblem, type LineItem, type Totals } from '#core/records/money';

/**
 * Checks a deal's amount and line item prices against its currency, and its computed totals
 * against the same bounds as any amount, so the store never gets a number it cannot hold exactly.
 * `given` is what the client sent: errors name those fields, or `currency` when only it changed.
 */
export function dealTotals(fields: Record<string, unknown>, given: Record<string, unknown>): Totals | undefined {
  const items = (fields.lineItems as LineItem[] | undefined) ?? [];
  const currency = fields.currency as string | undefined;
  if (fields.amount === undefined && !items.length) return undefined;
  if (!currency)
    return invalid('A deal with an amount or line items needs a currency.', [
      { path: 'currency', message: 'Required when amount or lineItems are set.' },
    ]);
  // What this request did not touch was checked when it was written: a patch of the title alone
  // is not refused for amounts stored under older rules.
  const touched = (name: string) => name in given || 'currency' in given;
  const at = (name: string, rest = '') => (name in given ? `${name}${rest}` : 'currency');
  const errors: FieldError[] = [];
  const amountProblem =
    typeof fields.amount === 'number' && touched('amount') ? moneyProblem(fields.amount, currency) : undefined;
  if (amountProblem) errors.push({ path: at('amount'), message: amountProblem });
  if (touched('lineItems'))
    items.forEach((item, i) => {
      const priceProblem = moneyProblem(item.unitPrice, currency);
      if (priceProblem) errors.push({ path: at('lineItems', `.${i}.unitPrice`), message: priceProblem });
      else if (Math.abs(lineNetMinor(item, minorUnits(currency))) > MAX_ABS) {
        errors.push({
          path: at('lineItems', `.${i}`),
          message: `quantity × unitPrice must stay within ${MAX_ABS / 10 ** minorUnits(currency)} ${currency}`,
        });
      }
    });
  if (errors.length) return invalid(`Some amounts do not fit ${currency}.`, errors);
  if (!items.length) return undefined;
  const sums = computeTotals(items, currency);
  for (const name of ['net', 'tax', 'gross'] as const) {
    const value = sums[name];
    const problem = touched('lineItems') ? moneyProblem(value, currency) : undefined;
    if (problem)
      return invalid('The line items add up to more than a deal can hold.', [
        { path: at('lineItems'), message: `add up to a ${name} total of ${value}, which ${problem}` },
      ]);
  }
  return sums;
}
