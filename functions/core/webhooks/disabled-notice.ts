import { webhookDisabledEmail } from '#templates/email/webhook-disabled';
import type { Approver } from '#core/approvals/route';
import type { Person } from '#core/sending/approval-notices';
import { senderName, tenantMailSettings } from '#core/sending/email-data';
import { renderEmail } from '#core/sending/email-templates';
import type { Mailer } from '#core/sending/ports';
import { packLanguage } from '#core/templates/locales';
import type { Tenant } from '#core/tenancy/caller';
import { tenantTimeZone } from '#core/tenancy/profile';
import type { DisabledNotifier } from '#core/webhooks/delivery-ports';

// When delivery switches a subscription off, the tenant's admins and owners are told by email, in
// the tenant's language (its profile's locale, else English), through the same SES path as
// approval notices. One email each: they do not learn each other's addresses.

export interface DisabledNoticeDeps {
  /** Active users with an email holding at least this role. */
  people(tenantId: string, who: Approver): Promise<Person[]>;
  tenant(tenantId: string): Promise<Tenant | undefined>;
  mailer: Mailer;
}

/** Why it was switched off, as the delivery worker says it: failures in a row, or since when. */
export interface DisabledWhy {
  failures?: number;
  since?: string;
}

export function disabledNotifier(deps: DisabledNoticeDeps): DisabledNotifier {
  return {
    async subscriptionDisabled(sub, why) {
      const people = await deps.people(sub.tenantId, { role: 'admin' });
      if (!people.length) return;
      const tenant = await deps.tenant(sub.tenantId);
      const profileLocale = (tenant?.profile as { locale?: string } | undefined)?.locale;
      const locale = profileLocale && packLanguage(profileLocale) ? profileLocale : 'en';
      for (const person of people) {
        const rendered = renderEmail(
          {
            cacheKey: 'builtin:webhook-disabled',
            subject: webhookDisabledEmail.subject,
            html: webhookDisabledEmail.html,
            locale,
          },
          {
            url: sub.url,
            subscriptionId: sub.id,
            ...why,
            // `since` is shown as the tenant writes a date and time, in its zone.
            tenant: { name: tenant?.name ?? 'Dossier', timeZone: tenantTimeZone(tenant?.profile) },
            recipient: { name: person.name },
            locale,
          },
        );
        const mail = {
          from: {
            name: tenant ? senderName(tenant, tenantMailSettings(tenant)) : 'Dossier',
            address: deps.mailer.fromAddress(),
          },
          to: [{ name: person.name, address: person.email }],
          cc: [],
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          tags: { tenantId: sub.tenantId, webhookId: sub.id, notice: 'webhook-disabled' },
        };
        await deps.mailer.send(await deps.mailer.compose(mail), mail);
      }
    },
  };
}
