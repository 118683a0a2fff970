import type { Approval, ApprovalEvent } from '#core/approvals/approval';
import { tableName } from '#store/dynamo/client';
import { approvalKey, eventItem } from '#store/approvals/items';
import type { TransactItem } from '#store/dynamo/transact';

// Every step of an approval updates the approval item and adds the step's event to its history in
// the same transaction. Steps of the workflow apply only while the approval is still running, so a
// step retried after the approval ended changes nothing.

export interface ApprovalUpdate {
  /** The SET clause: `#a` is the approval, `#s` its status. */
  set: string;
  values: Record<string, unknown>;
  /** What must hold besides the approval still running. */
  alsoWhen?: string;
  /** Applies whatever the approval's status (the approval still running is not checked). */
  anyStatus?: boolean;
}

/** The approval's update and its event, in that order (callers read the update's failure at its index). */
export function approvalUpdate(
  approval: Approval,
  event: ApprovalEvent,
  u: ApprovalUpdate,
): [TransactItem, TransactItem] {
  const TableName = tableName();
  const running = !u.anyStatus;
  const condition = [u.alsoWhen, running && '#a.#s = :running'].filter(Boolean).join(' AND ');
  return [
    {
      Update: {
        TableName,
        Key: approvalKey(approval.tenantId, approval.id),
        UpdateExpression: `SET ${u.set}`,
        ...(condition && { ConditionExpression: condition }),
        ExpressionAttributeNames: running ? { '#a': 'approval', '#s': 'status' } : { '#a': 'approval' },
        ExpressionAttributeValues: running ? { ...u.values, ':running': 'running' } : u.values,
      },
    },
    { Put: { TableName, Item: eventItem(approval.tenantId, approval.id, event) } },
  ];
}
