import type { FieldError } from '#core/errors';
import { invalid } from '#core/errors';
import type { ContactDirectory } from '#core/sending/ports';
import type { RecipientRequest } from '#core/sending/send-request';
import type { Recipient } from '#core/sending/send';

/**
 * Turns `{contactId, email?}` and `{email, name?}` into addresses, all or nothing: every contact
 * that is missing (or another tenant's), has no email, or lacks the email named is a 400 at its path.
 * An address named twice is sent once.
 */
export async function resolveRecipients(
  contacts: ContactDirectory,
  tenantId: string,
  lists: { to: RecipientRequest[]; cc: RecipientRequest[] },
): Promise<{ to: Recipient[]; cc: Recipient[] }> {
  const ids = [...new Set([...lists.to, ...lists.cc].flatMap((r) => (r.contactId ? [r.contactId] : [])))];
  const found = new Map((ids.length ? await contacts.contacts(tenantId, ids) : []).map((c) => [c.id, c]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const resolve = (list: RecipientRequest[], field: 'to' | 'cc'): Recipient[] =>
    list.flatMap((r, i): Recipient[] => {
      const path = `${field}.${i}`;
      let recipient: Recipient;
      if (r.contactId) {
        const contact = found.get(r.contactId);
        if (!contact) {
          errors.push({ path: `${path}.contactId`, message: `No contact with id ${r.contactId}.` });
          return [];
        }
        if (!contact.emails.length) {
          errors.push({
            path: `${path}.contactId`,
            message: `The contact ${contact.name} (${contact.id}) has no email address.`,
          });
          return [];
        }
        if (r.email && !contact.emails.includes(r.email)) {
          errors.push({
            path: `${path}.email`,
            message: `is not one of the emails of the contact ${contact.name} (${contact.id})`,
          });
          return [];
        }
        recipient = {
          email: r.email ?? contact.emails[0],
          ...(contact.name ? { name: contact.name } : {}),
          contactId: contact.id,
        };
      } else {
        recipient = { email: r.email!, ...(r.name ? { name: r.name } : {}) };
      }
      if (seen.has(recipient.email)) return [];
      seen.add(recipient.email);
      return [recipient];
    });
  const to = resolve(lists.to, 'to');
  const cc = resolve(lists.cc, 'cc');
  if (errors.length) invalid('Some recipients cannot be sent to.', errors);
  return { to, cc };
}
