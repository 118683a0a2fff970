import * as z from 'zod';
import { isCountryCode } from '#core/tenancy/country-codes';
import { peppolIdProblem, personalCodeProblem, vatNumberProblem } from '#core/tenancy/estonian-codes';

// The input shapes of a party's identifiers, shared by the tenant profile and the records (companies,
// contacts), so that a value is refused the same way wherever it is entered.

const checked = (problem: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const message = problem(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

const NOT_A_COUNTRY = 'must be an ISO 3166-1 alpha-2 country code, like EE';
export const CountryCode = z
  .string()
  .trim()
  // The shape shows in the OpenAPI document; the list is checked after.
  .regex(/^[A-Za-z]{2}$/, NOT_A_COUNTRY)
  .transform((code) => code.toUpperCase())
  .refine(isCountryCode, NOT_A_COUNTRY)
  .describe('ISO 3166-1 alpha-2 (`EE`); stored upper case. The e-invoice takes the country from it alone.');

export const PeppolId = z
  .string()
  .trim()
  .superRefine(checked(peppolIdProblem))
  .describe(
    'Peppol participant id, `scheme:id` (ISO 6523 scheme of 4 digits): `0191:12345678` (Estonian registry code), `9931:EE123456789` (VAT number), `0088:…` (GLN).',
  );

/** Tax ids as people type them (`ee 100 200 300`) compare compact and upper case. */
export const compactTaxId = (taxId: string): string => taxId.replace(/[\s.-]/g, '').toUpperCase();

/** A VAT number given compact (see compactTaxId): one starting with `EE` must be Estonian's shape. */
export const checkVatNumber = checked(vatNumberProblem);

export const PersonalCode = z
  .string()
  .trim()
  .superRefine(checked(personalCodeProblem))
  .describe('Estonian personal identification code (isikukood): 11 digits, mod-11 checked. Never searchable.');
