import { contractEmail } from '#templates/email/contract';
import { documentEmail } from '#templates/email/document';
import { invoiceEmail } from '#templates/email/invoice';
import { offerEmail } from '#templates/email/offer';

/** The built-in email templates, by the id a send names (`templateId`); `document` is the default. */
export const BUILT_IN_EMAILS = {
  document: documentEmail,
  offer: offerEmail,
  contract: contractEmail,
  invoice: invoiceEmail,
} as const;
