import type { Role } from '#core/tenancy/caller';

// An approval route and its versions. A route is a name for a sequence of immutable versions:
// publishing (PUT) appends a version, and an approval pins the version current when it started.

export type Approver = { userId: string } | { role: Role };
export type StageMode = 'all' | 'any' | { atLeast: number };
export const DEADLINE_ACTIONS = ['remind', 'escalate', 'reject'] as const;
export type DeadlineAction = (typeof DEADLINE_ACTIONS)[number];

export interface Stage {
  name: string;
  mode: StageMode;
  approvers: Approver[];
  /** ISO 8601 duration (weeks, days, hours, minutes, seconds). */
  deadline?: string;
  onDeadline?: DeadlineAction;
  /** The user a stage past its deadline is escalated to. */
  escalateTo?: string;
}

export interface AppliesTo {
  contentTypes?: string[];
  tags?: string[];
}

export interface RouteDefinition {
  name: string;
  appliesTo?: AppliesTo;
  stages: Stage[];
}

export interface RouteVersion extends RouteDefinition {
  routeId: string;
  version: number;
  publishedAt: string;
  publishedBy: string;
}

/** The route as stored: its identity plus its current (latest) version. */
export interface ApprovalRoute {
  id: string;
  tenantId: string;
  createdAt: string;
  current: RouteVersion;
}

export const approverKey = (a: Approver): string => ('userId' in a ? `user:${a.userId}` : `role:${a.role}`);

/** Users a route names (approvers and escalation targets): each must exist in the tenant. */
export function namedUsers(def: RouteDefinition): string[] {
  const ids = def.stages.flatMap((s) => [
    ...s.approvers.flatMap((a) => ('userId' in a ? [a.userId] : [])),
    ...(s.escalateTo ? [s.escalateTo] : []),
  ]);
  return [...new Set(ids)];
}
