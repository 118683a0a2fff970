import { DomainError } from '#core/errors';
import { RenderStateIn } from '#core/templates/step-input';
import { validateEInvoiceStep, type EInvoiceStepDeps } from '#core/templates/render-steps';
import { parseInput } from '#core/validation';
import { eInvoiceValidator } from '#store/einvoice/validator';
import { s3JobObjects } from '#store/templates/job-objects';
import { taskError } from '#tasks/conversion-error';

const deps = { objects: s3JobObjects, validator: eInvoiceValidator } satisfies EInvoiceStepDeps;

/**
 * The render workflow's e-invoice validation, beside Chromium (a Parallel branch): the UBL 2.1 XSD
 * and the EN 16931 and Peppol Schematron, whose 13 MB of compiled rules live in this Lambda only.
 * Only the status leaves it.
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
