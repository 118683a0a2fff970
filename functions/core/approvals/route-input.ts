import * as z from 'zod';
import { ROLES } from '#core/tenancy/caller';
import { USER_ID } from '#core/tenancy/user';
import { DEADLINE_ACTIONS } from '#core/approvals/route';

// What a client sends to create or publish a route. Shapes only: whether the route makes sense
// (approvers present, durations valid, users known) is the lint's job, which lists every problem.

export const MAX_STAGES = 20;
export const MAX_APPROVERS = 50;

const UserId = z.string().regex(USER_ID, 'must be a user id');
const ApproverIn = z.union([z.strictObject({ userId: UserId }), z.strictObject({ role: z.enum(ROLES) })]);
const ModeIn = z.union([
  z.enum(['all', 'any']),
  z.strictObject({ atLeast: z.number().int().min(1).max(MAX_APPROVERS) }),
]);

export const StageIn = z.strictObject({
  name: z.string().trim().min(1).max(100),
  mode: ModeIn,
  approvers: z.array(ApproverIn).max(MAX_APPROVERS),
  deadline: z.string().max(40).optional(),
  onDeadline: z.enum(DEADLINE_ACTIONS).optional(),
  escalateTo: UserId.optional(),
});

export const RouteIn = z.strictObject({
  name: z.string().trim().min(1).max(200),
  appliesTo: z
    .strictObject({
      contentTypes: z.array(z.string().min(1).max(255)).max(20).optional(),
      tags: z.array(z.string().min(1).max(100)).max(20).optional(),
    })
    .optional(),
  stages: z.array(StageIn).min(1).max(MAX_STAGES),
});

export type RouteInput = z.output<typeof RouteIn>;

export const StartIn = z.strictObject({
  routeId: z.string().regex(/^apr_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an apr_ id'),
});
export const DecisionIn = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(4000).optional(),
});
export const DelegateIn = z.strictObject({ userId: UserId });

export type StartInput = z.output<typeof StartIn>;
export type DecisionInput = z.output<typeof DecisionIn>;
export type DelegateInput = z.output<typeof DelegateIn>;
