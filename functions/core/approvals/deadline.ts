import type { Approval, Task } from '#core/approvals/approval';
import { durationSeconds } from '#core/approvals/duration';
import { localDayAndTime } from '#core/local-time';

/** When the task is due: its stage's deadline (a duration) from when the task opened; undefined without one. */
export function taskDeadline(
  task: Pick<Task, 'createdAt' | 'stage'>,
  approval: Pick<Approval, 'stages'>,
): string | undefined {
  const stage = approval.stages[task.stage];
  const seconds = stage?.deadline ? durationSeconds(stage.deadline) : undefined;
  if (seconds === undefined) return undefined;
  return new Date(new Date(task.createdAt).getTime() + seconds * 1000).toISOString();
}

/**
 * A deadline as an approver reads it in an email, in the tenant's zone, named: an email is read
 * wherever its reader is (the page shows the same instant without the zone's name).
 * "07.12.2026 kell 14:00 (Europe/Tallinn)" / "7 December 2026, 14:00 (Europe/Tallinn)".
 */
export function formatDeadline(iso: string, language: 'et' | 'en', timeZone: string): string {
  const at = localDayAndTime(iso, language, timeZone);
  if (!at) return iso;
  return language === 'et' ? `${at.day} kell ${at.time} (${timeZone})` : `${at.day}, ${at.time} (${timeZone})`;
}
