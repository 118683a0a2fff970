import type { FieldError } from '#core/errors';
import { durationSeconds } from '#core/approvals/duration';
import type { RouteDefinition } from '#core/approvals/route';

/**
 * Every problem of a route at once, so a client fixes them in one go. `missingUsers` are the
 * named users the tenant does not have (checked by the caller against the users port).
 */
export function lintRoute(def: RouteDefinition, missingUsers: ReadonlySet<string>): FieldError[] {
  const problems: FieldError[] = [];
  const names = new Set<string>();
  def.stages.forEach((stage, i) => {
    const at = `stages.${i}`;
    const add = (path: string, message: string) => problems.push({ path: `${at}${path}`, message });
    if (names.has(stage.name)) add('.name', 'must be unique within the route');
    names.add(stage.name);
    if (stage.approvers.length === 0) add('.approvers', 'a stage needs at least one approver');
    const keys = stage.approvers.map((a) => ('userId' in a ? `u:${a.userId}` : `r:${a.role}`));
    if (new Set(keys).size !== keys.length) add('.approvers', 'names the same approver twice');
    if (typeof stage.mode === 'object' && stage.approvers.length > 0 && stage.mode.atLeast > stage.approvers.length)
      add(
        '.mode.atLeast',
        `needs ${stage.mode.atLeast} approvals but the stage has ${stage.approvers.length} approvers`,
      );
    stage.approvers.forEach((a, j) => {
      if ('userId' in a && missingUsers.has(a.userId))
        add(`.approvers.${j}.userId`, `no user ${a.userId} in this tenant`);
    });
    if (stage.deadline !== undefined && durationSeconds(stage.deadline) === undefined)
      add(
        '.deadline',
        'must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds, like P2D or PT4H',
      );
    if (stage.onDeadline && stage.deadline === undefined) add('.onDeadline', 'needs a deadline');
    if (stage.deadline !== undefined && !stage.onDeadline) add('.onDeadline', 'say what happens at the deadline');
    if (stage.onDeadline === 'escalate' && !stage.escalateTo)
      add('.escalateTo', 'escalation needs a user to escalate to');
    if (stage.escalateTo && stage.onDeadline !== 'escalate')
      add('.escalateTo', 'only used when onDeadline is escalate');
    if (stage.escalateTo && missingUsers.has(stage.escalateTo))
      add('.escalateTo', `no user ${stage.escalateTo} in this tenant`);
  });
  return problems;
}
