import { approvalTaskEmail } from '#templates/email/approval-task';
import { mintActionLink } from '#core/approvals/action-links';
import type { Approval, Task } from '#core/approvals/approval';
import type { ActionLinksStore } from '#core/approvals/ports';
import type { Approver } from '#core/approvals/route';
import type { Tenant } from '#core/tenancy/caller';
import { renderEmail } from '#core/sending/email-templates';
import { senderName, tenantMailSettings } from '#core/sending/email-data';
import { MAX_RECIPIENTS } from '#core/sending/limits';
import { packLanguage } from '#core/templates/locales';
import type { Mailer } from '#core/sending/ports';
import { systemClock, type Clock } from '#core/clock';
import { formatDeadline, taskDeadline } from '#core/approvals/deadline';
import { tenantTimeZone } from '#core/tenancy/profile';

// Approvers hear of their tasks by email (the users' emails): when a stage opens a task for them,
// when its deadline reminds them, when it is escalated to them, when its assignee delegates it to
// them. Workflow steps and requests may run twice, so each notice is claimed once (task, kind,
// reminder or delegation number) before it goes. Users without an email are skipped; a role task
// goes to the active users holding that role or above.
// Each email carries its own action link (its recipient's, minted after the claim, so a retried step
// that lost the claim mails nothing and mints nothing), unless the tenant links to its own app.

export type TaskNoticeKind = 'assigned' | 'reminded' | 'escalated' | 'delegated';

export interface Person {
  /** The user the person is: their action link is bound to it. */
  userId: string;
  name?: string;
  email: string;
}

export interface ApprovalNoticeDeps {
  /** The emails of the users an assignee stands for (at most 50). */
  people(tenantId: string, assignee: Approver): Promise<Person[]>;
  tenant(tenantId: string): Promise<Tenant | undefined>;
  /** true once per key: the notice is this caller's to send. */
  claim(tenantId: string, taskId: string, key: string): Promise<boolean>;
  actionLinks: Pick<ActionLinksStore, 'save'>;
  /** Where the approver's page is served (PUBLIC_BASE_URL, no trailing slash). */
  publicBaseUrl(): string;
  mailer: Mailer;
  /** When links are minted (their 14 days run from it); the system clock unless given. */
  clock?: Clock;
}

export type NoticeOutcome = 'sent' | 'already-sent' | 'nobody';

/** `task` as it is after the change (its history holds the reminder being announced). */
export async function notifyTask(
  deps: ApprovalNoticeDeps,
  kind: TaskNoticeKind,
  task: Task,
  approval: Approval,
): Promise<NoticeOutcome> {
  // A delegation is told to the delegate alone; everything else to the assignee's people.
  if (kind === 'delegated' && !task.delegateTo) return 'nobody';
  // The same delegation made again (a page's form sent twice, an API call retried without its
  // Idempotency-Key) is news to nobody: the delegate already has their notice.
  if (kind === 'delegated' && lastDelegation(task)?.details?.from === task.delegateTo) return 'already-sent';
  const recipients: Approver = kind === 'delegated' ? { userId: task.delegateTo! } : task.assignee;
  const people = (await deps.people(task.tenantId, recipients)).slice(0, MAX_RECIPIENTS);
  if (!people.length) return 'nobody';
  const count = (type: string) => task.history.filter((e) => e.type === type).length;
  const key =
    kind === 'reminded'
      ? `reminded#${count('reminded')}`
      : kind === 'escalated'
        ? `escalated#${userOf(task)}`
        : kind === 'delegated'
          ? `delegated#${count('delegated')}`
          : kind;
  if (!(await deps.claim(task.tenantId, task.id, key))) return 'already-sent';
  const delegatedBy = kind === 'delegated' ? await delegatorName(deps, task) : undefined;
  const tenant = await deps.tenant(task.tenantId);
  const tenantName = tenant?.name ?? 'Dossier';
  const settings = tenant ? tenantMailSettings(tenant) : {};
  // Approvers work in the tenant: the notice speaks the profile's language, else English.
  const profileLocale = (tenant?.profile as { locale?: string } | undefined)?.locale;
  const locale = profileLocale && packLanguage(profileLocale) ? profileLocale : 'en';
  const own = tenant?.approvalLinkTemplate;
  // The deadline as a date and time in the tenant's zone (the profile's, else the product's default
  // as on the approver's page and in documents), not the stage's raw duration.
  const zone = tenantTimeZone(tenant?.profile as { timeZone?: string } | undefined);
  const due = taskDeadline(task, approval);
  const deadline = due ? formatDeadline(due, packLanguage(locale) === 'et' ? 'et' : 'en', zone) : undefined;
  // One email each: personal, and a role's members do not learn each other's addresses.
  for (const person of people) {
    const actionUrl = own
      ? own.replaceAll('{taskId}', encodeURIComponent(task.id))
      : await mintFor(deps, task, approval, person.userId);
    const rendered = renderEmail(
      {
        cacheKey: 'builtin:approval-task',
        subject: approvalTaskEmail.subject,
        html: approvalTaskEmail.html,
        locale,
      },
      {
        reminded: kind === 'reminded',
        escalated: kind === 'escalated',
        delegated: kind === 'delegated',
        delegatedBy,
        deadline,
        document: { name: approval.document.name, version: approval.document.version },
        stage: task.stageName,
        route: approval.route.name,
        taskId: task.id,
        actionUrl,
        personal: !own,
        tenant: { name: tenantName },
        recipient: { name: person.name },
        locale,
      },
    );
    const mail = {
      from: { name: tenant ? senderName(tenant, settings) : 'Dossier', address: deps.mailer.fromAddress() },
      to: [{ name: person.name, address: person.email }],
      cc: [],
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      tags: { tenantId: task.tenantId, taskId: task.id, notice: kind },
    };
    await deps.mailer.send(await deps.mailer.compose(mail), mail);
  }
  return 'sent';
}

async function mintFor(deps: ApprovalNoticeDeps, task: Task, approval: Approval, userId: string): Promise<string> {
  const { link, token, hash } = mintActionLink(
    {
      tenantId: task.tenantId,
      taskId: task.id,
      approvalId: approval.id,
      userId,
      documentId: approval.document.id,
      documentVersion: approval.document.version,
    },
    (deps.clock ?? systemClock).now(),
  );
  // Stored before it is mailed: a link that went out always opens.
  await deps.actionLinks.save(link, hash);
  return `${deps.publicBaseUrl().replace(/\/+$/, '')}/a/${token}`;
}

/** Who delegated (the newest delegation's actor) by their name; none when their user has none (never a raw id). */
async function delegatorName(deps: ApprovalNoticeDeps, task: Task): Promise<string | undefined> {
  const event = lastDelegation(task);
  const by = event && 'userId' in event.actor ? event.actor.userId : undefined;
  if (!by) return undefined;
  const [person] = await deps.people(task.tenantId, { userId: by });
  return person?.name;
}

const lastDelegation = (task: Task) => task.history.findLast((e) => e.type === 'delegated');

const userOf = (task: Task): string =>
  'userId' in task.assignee ? task.assignee.userId : `role-${task.assignee.role}`;
