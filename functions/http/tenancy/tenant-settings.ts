import * as z from 'zod';
import { CONTROL_CHARACTER } from '#core/control-characters';
import { compactBankCode, ibanProblem, isBic } from '#core/tenancy/bank-codes';
import { checkVatNumber, compactTaxId, CountryCode, PeppolId } from '#core/tenancy/party-fields';
import { canonicalTimeZone, isTimeZone, PROFILE_DEFAULTS, PROFILE_LOCALES } from '#core/tenancy/profile';
import { Ref } from '#core/records/standard-fields';
import { Name } from '#http/schemas/common';

// A patch member may be null to remove it (JSON merge patch); absent leaves it as it is.
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const text = (max: number) => clearable(z.string().trim().min(1).max(max));
// Mail headers are built from these: a line break (CR, LF, or C1's NEL) would inject a header.
const oneLine = (max: number) =>
  clearable(
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .refine((s) => !CONTROL_CHARACTER.test(s), 'must be one line, without control characters'),
  );
const email = clearable(z.email({ message: 'must be an email address' }).max(254));

// Every API request reads the tenant item with the key, so the logo stays small (DynamoDB bills per 4 KB read).
export const MAX_LOGO_CHARS = 32_768;

const ProfilePatch = z.strictObject({
  legalName: text(200),
  address: clearable(
    z.strictObject({
      street: text(200),
      city: text(100),
      postalCode: text(20),
      region: text(100),
      country: text(100).describe('The country as printed.'),
      countryCode: clearable(CountryCode),
    }),
  ),
  // An Estonian VAT number is checked and kept compact (as an e-invoice states it); others as typed.
  taxId: clearable(
    z
      .string()
      .trim()
      .min(1)
      .max(50)
      .transform((v) => (compactTaxId(v).startsWith('EE') ? compactTaxId(v) : v))
      .superRefine(checkVatNumber),
  ).describe(
    'The VAT number. One starting with EE must be EE and 9 digits (stored compact); others are kept as typed.',
  ),
  registrationNumber: text(50).describe('With `address.countryCode` EE: the 8-digit registry code.'),
  peppolId: clearable(PeppolId),
  eInvoicing: clearable(z.boolean()).describe(
    'Produce an EN 16931 e-invoice beside every generated invoice (default false; null removes it).',
  ),
  email,
  phone: clearable(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()./-]{3,40}$/, 'must be a phone number: digits, spaces, + ( ) . / -'),
  ),
  website: clearable(
    z
      .string()
      .trim()
      // People write a website as they see it on a card (`www.example.ee`): with no scheme, https is
      // meant. A colon before digits is a port (`example.ee:8080`), not a scheme.
      .transform((v) => (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(v) ? v : `https://${v}`))
      .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(200)),
  ).describe('An http(s) URL; without a scheme (`www.example.ee`) it is stored as `https://www.example.ee`.'),
  bank: clearable(
    z.strictObject({
      name: text(100),
      iban: clearable(
        z
          .string()
          .max(50)
          .transform(compactBankCode)
          .superRefine((iban, ctx) => {
            const message = ibanProblem(iban);
            if (message) ctx.addIssue({ code: 'custom', message });
          }),
      ),
      bic: clearable(
        z.string().max(20).transform(compactBankCode).refine(isBic, 'must be a BIC of 8 or 11 characters'),
      ),
    }),
  ),
  logo: clearable(
    z
      .string()
      .max(MAX_LOGO_CHARS, `must be at most ${MAX_LOGO_CHARS} characters`)
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'must be a data: URI of a PNG or JPEG image'),
  ),
  accentColor: clearable(
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb')
      .transform((c) => c.toLowerCase()),
  ).describe('The accent colour of the pages approvers and clients open, `#rrggbb`.'),
  locale: clearable(z.enum(PROFILE_LOCALES)).describe(
    `The language of built-in documents and emails when neither the template nor the send names one (default \`${PROFILE_DEFAULTS.locale}\`).`,
  ),
  timeZone: clearable(
    z
      .string()
      .max(64)
      // Intl also takes offsets (`+02:00`), which know no summer time: only zone names are IANA's.
      .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone, like Europe/Tallinn')
      .refine(isTimeZone, 'must be an IANA time zone, like Europe/Tallinn')
      .transform(canonicalTimeZone),
  ).describe(
    `IANA time zone of the dates and times on documents and in emails (default \`${PROFILE_DEFAULTS.timeZone}\`).`,
  ),
  paymentTermDays: clearable(
    z.number().int('must be a whole number of days').min(0, 'must be at least 0').max(365, 'must be at most 365'),
  ).describe(
    `Days from an issue date to the due date, unless the generation request or the deal gives one (default ${PROFILE_DEFAULTS.paymentTermDays}).`,
  ),
});

const MailSettingsPatch = z.strictObject({
  fromName: oneLine(100).describe('The sender name shown with the platform address.'),
  replyTo: email.describe('Where replies to sent documents go.'),
  signature: text(2000).describe('Plain text appended to sent messages.'),
});

const AcceptedWords = z
  .array(
    z
      .string()
      .trim()
      .regex(
        /^[\p{L}][\p{L}\p{M}'’-]{0,49}$/u,
        'must be one word of letters (apostrophes and hyphens allowed), at most 50',
      ),
  )
  .max(1000)
  .transform((words) => [...new Set(words)]);

/** An https URL of the tenant's own app holding `{taskId}`: approval emails link there instead of the approver's page. */
export const ApprovalLinkTemplate = z
  .string()
  .trim()
  .max(500)
  .refine((s) => !CONTROL_CHARACTER.test(s) && !/\s/.test(s), 'must be a URL without spaces or control characters')
  .refine((s) => s.includes('{taskId}'), 'must contain {taskId}, where the task id goes')
  .refine(isHttpsTemplate, 'must be an https:// URL, like https://app.example.com/approvals/{taskId}');

function isHttpsTemplate(s: string): boolean {
  try {
    const url = new URL(s.replaceAll('{taskId}', 'tsk_01JD0000000000000000000000'));
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

export const TenantSettingsPatchBody = z
  .strictObject({
    name: Name.optional().describe("The tenant's name (owners only: an admin gets 403)."),
    profile: clearable(ProfilePatch).describe('Printed on generated documents. Members merge; null removes one.'),
    mailSettings: clearable(MailSettingsPatch).describe(
      'Used when documents are sent. Members merge; null removes one.',
    ),
    acceptedWords: clearable(AcceptedWords).describe(
      'Words the template spelling check accepts (names, brands); replaces the list.',
    ),
    approvalLinkTemplate: clearable(ApprovalLinkTemplate).describe(
      "Where approval task emails link instead of the approver's page (`/a/{token}`), for a tenant whose own app decides through the API: an https URL holding `{taskId}`, e.g. `https://app.example.com/approvals/{taskId}`. Then no action link is minted. null removes it.",
    ),
    acceptanceStageId: clearable(Ref('stg')).describe(
      "A stage of one of the tenant's deal pipelines: an offer accepted on its share link's page moves the document's deals there, those whose pipeline holds it (null removes it).",
    ),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message:
      'Change at least one of name, profile, mailSettings, acceptedWords, approvalLinkTemplate, acceptanceStageId.',
  });

const out = z.string().optional();

export const TenantProfileSchema = z
  .object({
    legalName: out,
    address: z
      .object({
        street: out,
        city: out,
        postalCode: out,
        region: out,
        country: out,
        countryCode: out.describe('ISO 3166-1 alpha-2.'),
      })
      .optional(),
    taxId: out,
    registrationNumber: out,
    peppolId: out.describe('Peppol participant id, `scheme:id`.'),
    eInvoicing: z.boolean().optional().describe('Absent: false.'),
    email: out,
    phone: out,
    website: out,
    bank: z.object({ name: out, iban: out.describe('Compact: no spaces, upper case.'), bic: out }).optional(),
    logo: out.describe('A data: URI (PNG or JPEG), inlined into documents since rendering has no network.'),
    accentColor: out.describe('`#rrggbb`, lower case: the accent of the approver and client pages.'),
    locale: z.enum(PROFILE_LOCALES).optional().describe(`Absent: \`${PROFILE_DEFAULTS.locale}\`.`),
    timeZone: out.describe(`IANA; absent: \`${PROFILE_DEFAULTS.timeZone}\`.`),
    paymentTermDays: z.number().int().optional().describe(`Absent: ${PROFILE_DEFAULTS.paymentTermDays}.`),
  })
  .meta({ id: 'TenantProfile', description: 'Your company as printed on documents (`tenant.*` in templates).' });

export const MailSettingsSchema = z
  .object({ fromName: out, replyTo: out, signature: out })
  .meta({ id: 'MailSettings', description: 'Used when documents are sent by email.' });
