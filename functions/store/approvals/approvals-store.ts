import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Approval, ApprovalEvent } from '#core/approvals/approval';
import type { ApprovalsStore } from '#core/approvals/ports';
import { allUnder } from '#store/dynamo/all-pages';
import { batchGet } from '#store/dynamo/batch-get';
import { documentClient, tableName } from '#store/dynamo/client';
import { APPROVAL_EVENT_PREFIX, approvalPk, DOCUMENT_APPROVAL_PREFIX, documentPk } from '#store/dynamo/keys';
import { approvalUpdate } from '#store/approvals/approval-update';
import {
  approvalItem,
  approvalKey,
  documentApprovalItem,
  eventItem,
  taskItem,
  taskListItem,
} from '#store/approvals/items';
import { taskStore } from '#store/approvals/tasks-store';
import { documentWrites, timelineEntries } from '#store/approvals/timeline';
import { failed, transact } from '#store/dynamo/transact';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { approvalCompleted, approvalStarted } from '#core/approvals/events';

async function get(tenantId: string, id: string): Promise<Approval | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: approvalKey(tenantId, id), ConsistentRead: true }),
  );
  return Item?.approval as Approval | undefined;
}

export const dynamoApprovalsStore: ApprovalsStore = {
  ...taskStore,
  get,

  async start(approval, doc, event) {
    const TableName = tableName();
    const [docPut, ...copies] = documentWrites(TableName, doc);
    const result = await transact({
      retry: 'document',
      hard: [
        {
          Put: {
            ...docPut.Put!,
            ConditionExpression: '#d.version = :expected AND #d.#s <> :busy',
            ExpressionAttributeNames: { '#d': 'document', '#s': 'status' },
            ExpressionAttributeValues: { ':expected': doc.expectedVersion, ':busy': 'in_approval' },
          },
        },
        { Put: { TableName, Item: approvalItem(approval), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName, Item: documentApprovalItem(approval) } },
        { Put: { TableName, Item: eventItem(approval.tenantId, approval.id, event) } },
        ...copies,
      ],
      events: outboxPuts(approval.tenantId, [approvalStarted(approval, event.actor, event.at)]),
      soft: timelineEntries(TableName, approval, doc.timelineType, event.actor, event.at, doc.details),
      tooLarge: 'The document is linked to too many records to be put up for approval.',
    });
    return result.ok ? 'started' : 'document-changed';
  },

  async listForDocument(tenantId, documentId) {
    const ids = await allUnder(
      documentPk(tenantId, documentId),
      DOCUMENT_APPROVAL_PREFIX,
      (i) => i.approvalId as string,
    );
    const found = await batchGet(
      ids.map((id) => approvalKey(tenantId, id)),
      { consistent: true },
    );
    return found.flatMap((i) => (i ? [i.approval as Approval] : []));
  },

  async recordExecution(approval, name, event) {
    await transact({
      retry: 'document',
      hard: approvalUpdate(approval, event, {
        set: '#a.executionName = :n, #a.executions = #a.executions + :one',
        values: { ':n': name, ':one': 1 },
        anyStatus: true,
      }),
      tooLarge: 'unreachable: recording an execution is two items',
    });
  },

  async openStage(approval, stage, tasks, event) {
    const TableName = tableName();
    const [update, added] = approvalUpdate(approval, event, {
      set: '#a.stageTasks = list_append(#a.stageTasks, :ids), #a.currentStage = :stage',
      values: { ':ids': [tasks.map((t) => t.id)], ':stage': stage },
      alsoWhen: 'size(#a.stageTasks) = :stage',
    });
    const result = await transact({
      retry: 'document',
      hard: [
        update,
        ...tasks.map((t) => ({
          Put: { TableName, Item: taskItem(t), ConditionExpression: 'attribute_not_exists(pk)' },
        })),
        added,
      ],
      // The list entries hold no invariant (the tasks do): a 50-approver stage fills the transaction.
      soft: tasks.map((t) => ({ Put: { TableName, Item: taskListItem(t) } })),
      tooLarge: 'A stage has too many approvers.',
    });
    if (result.ok) return tasks;
    // Opened before (a retried step, a resumed approval): the stage keeps the tasks it has.
    const now = await get(approval.tenantId, approval.id);
    return taskStore.getTasks(approval.tenantId, now?.stageTasks[stage] ?? []);
  },

  async closeStage(approval, stage, outcome, event) {
    await transact({
      retry: 'document',
      hard: approvalUpdate(approval, event, {
        set: '#a.stageOutcomes[' + stage + '] = :o',
        values: { ':o': outcome },
      }),
      tooLarge: 'unreachable: closing a stage is two items',
    });
  },

  async finish(approval, outcome, doc, event) {
    const TableName = tableName();
    const result = await transact({
      retry: 'document',
      hard: [
        ...approvalUpdate(approval, event, {
          set: '#a.#s = :status, #a.outcome = :outcome',
          values: { ':status': outcome.status, ':outcome': outcome },
        }),
        ...(doc ? documentWrites(TableName, doc) : []),
      ],
      // Conditioned on the approval still running: it ends, and says so, once.
      events: outboxPuts(approval.tenantId, [approvalCompleted(approval, outcome, event.actor)]),
      soft: doc ? timelineEntries(TableName, approval, doc.timelineType, event.actor, event.at, doc.details) : [],
      tooLarge: 'The document is linked to too many records.',
    });
    if (result.ok) return 'ended';
    return failed(result, 0) ? 'not-running' : 'document-changed';
  },

  async addEvent(approval, event: ApprovalEvent) {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: eventItem(approval.tenantId, approval.id, event) }),
    );
  },

  events: (tenantId, approvalId) =>
    allUnder(approvalPk(tenantId, approvalId), APPROVAL_EVENT_PREFIX, (i) => i.event as ApprovalEvent),
};
