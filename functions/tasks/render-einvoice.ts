import { DomainError } from '#core/errors';
import { RenderStateIn } from '#core/templates/step-input';
import { validateEInvoiceStep, type EInvoiceStepDeps } from '#core/templates/render-steps';
import { parseInput } from '#core/validation';
import { eInvoiceSchema } from '#store/einvoice/schema';
import { s3JobObjects } from '#store/templates/job-objects';
import { taskError } from '#tasks/conversion-error';

const deps = { objects: s3JobObjects, validator: eInvoiceSchema } satisfies EInvoiceStepDeps;

/**
 * The render workflow's e-invoice schema check, beside Chromium (a Parallel branch): the UBL 2.1
 * XSD, which lives in this Lambda only. Only the status leaves it: `pending` (the Schematron runs
 * after register, in validate-einvoice) or `invalid`.
 */
export async function handler(input: { state: unknown }) {
  try {
    const parsed = parseInput(RenderStateIn, input.state, 'state');
    if (parsed.errors) throw new DomainError('VALIDATION', 'The e-invoice step got an invalid state.', parsed.errors);
    return await validateEInvoiceStep(deps, parsed.data);
  } catch (e) {
    throw taskError(e);
  }
}
