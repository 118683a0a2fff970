import { newId } from '#core/ids';
import type { Actor } from '#core/records/record';
import type { ApprovalEvent, TaskEvent } from '#core/approvals/approval';

export const approvalEvent = (
  type: string,
  at: string,
  actor: Actor,
  details?: Record<string, unknown>,
): ApprovalEvent => ({ id: newId('evt'), at, type, actor, ...(details && { details }) });

export const taskEvent = (
  type: TaskEvent['type'],
  at: string,
  actor: Actor,
  details?: Record<string, unknown>,
): TaskEvent => ({ type, at, actor, ...(details && { details }) });
