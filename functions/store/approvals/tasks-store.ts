import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Task } from '#core/approvals/approval';
import type { ApprovalsStore } from '#core/approvals/ports';
import { approverKey } from '#core/approvals/route';
import { batchGet } from '#store/dynamo/batch-get';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { openTaskListPk, taskListPk } from '#store/dynamo/keys';
import { taskKey, taskListItem, taskState } from '#store/approvals/items';
import { queryRaw } from '#store/dynamo/query-page';
import { timelineEntries } from '#store/approvals/timeline';
import { transact } from '#store/dynamo/transact';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { approvalDecided } from '#core/approvals/events';

// Tasks: every state change is a write conditional on `task.status = open`, so exactly one of a
// decision, a deadline, a "not required" close or a void ever closes a task. The token stays in the
// item beside the task and is read only by the code that resumes the workflow.

const names = { '#t': 'task', '#s': 'status', '#h': 'history' };
const OPEN = { ':open': 'open' };

async function getTask(tenantId: string, id: string): Promise<Task | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: taskKey(tenantId, id), ConsistentRead: true }),
  );
  return Item?.task as Task | undefined;
}

type TaskPart = Pick<
  ApprovalsStore,
  'getTask' | 'getTasks' | 'storeToken' | 'closeTask' | 'updateOpenTask' | 'openTasksFor' | 'listTasks'
>;

export const taskStore: TaskPart = {
  getTask,

  async getTasks(tenantId, ids) {
    const found = await batchGet(
      ids.map((id) => taskKey(tenantId, id)),
      { consistent: true },
    );
    return found.flatMap((i) => (i ? [i.task as Task] : []));
  },

  async storeToken(task, token) {
    try {
      const { Attributes } = await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: taskKey(task.tenantId, task.id),
          UpdateExpression: 'SET #token = :token',
          ConditionExpression: '#t.#s = :open',
          ExpressionAttributeNames: { '#t': 'task', '#s': 'status', '#token': 'token' },
          ExpressionAttributeValues: { ':token': token, ...OPEN },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { stored: true, task: Attributes!.task as Task };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: { task?: Task } }).Item?.task;
      return { stored: false, task: old ?? (await getTask(task.tenantId, task.id)) ?? task };
    }
  },

  async closeTask(task, status, event, decision, timeline) {
    const TableName = tableName();
    const update = {
      TableName,
      Key: taskKey(task.tenantId, task.id),
      UpdateExpression:
        'SET #t.#s = :status, #t.#h = list_append(#t.#h, :event)' +
        (decision ? ', #t.decision = :decision' : '') +
        ' REMOVE stagePk, pipelinePk',
      ConditionExpression: '#t.#s = :open',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':status': status,
        ':event': [event],
        ...OPEN,
        ...(decision && { ':decision': decision }),
      },
    };
    const actor = event.actor;
    const result = await transact({
      retry: 'document',
      // The list entry moves to the closed lists in the same transaction as the task.
      hard: [{ Update: update }, { Put: { TableName, Item: taskListItem({ ...task, status }) } }],
      // A decision (an approver's, or a deadline's) is announced with it; closing unneeded or voided tasks is not.
      events: decision ? outboxPuts(task.tenantId, [approvalDecided(task, status, decision, actor)]) : [],
      soft: timeline
        ? timelineEntries(TableName, timeline.approval, timeline.type, actor, event.at, timeline.details)
        : [],
      tooLarge: 'unreachable: a task is two items',
    });
    if (!result.ok) return { closed: false };
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName,
        Key: taskKey(task.tenantId, task.id),
        ConsistentRead: true,
        ProjectionExpression: '#token',
        ExpressionAttributeNames: { '#token': 'token' },
      }),
    );
    return { closed: true, token: Item?.token as string | undefined };
  },

  async updateOpenTask(task, change, event) {
    const sets = ['#t.#h = list_append(#t.#h, :event)'];
    const removes: string[] = [];
    const values: Record<string, unknown> = { ':event': [event], ...OPEN };
    if ('delegateTo' in change) {
      if (change.delegateTo) {
        sets.push('#t.delegateTo = :to', 'pipelinePk = :dpk');
        values[':to'] = change.delegateTo;
        values[':dpk'] = openTaskListPk(task.tenantId, `user:${change.delegateTo}`);
      } else removes.push('#t.delegateTo', 'pipelinePk');
    }
    if (change.assignee) {
      sets.push('#t.assignee = :assignee', 'stagePk = :apk');
      values[':assignee'] = change.assignee;
      values[':apk'] = openTaskListPk(task.tenantId, approverKey(change.assignee));
    }
    const TableName = tableName();
    const update = {
      TableName,
      Key: taskKey(task.tenantId, task.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#t.#s = :open',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    // A new assignee moves the list entry with the task, in one transaction.
    const moved = change.assignee
      ? [{ Put: { TableName, Item: taskListItem({ ...task, assignee: change.assignee }) } }]
      : [];
    const result = await transact({
      retry: 'document',
      hard: [{ Update: update }, ...moved],
      tooLarge: 'unreachable: a task is two items',
    });
    return result.ok;
  },

  async listTasks(tenantId, filter, page) {
    const state = filter.status;
    const assignee = filter.assignee ? ['A', filter.assignee] : [];
    // The narrowest list that holds the answer (keys.ts); a document's few tasks are filtered on the page.
    const [IndexName, attribute, pk] = filter.documentId
      ? ['company-created', 'companyPk', taskListPk(tenantId, 'D', filter.documentId)]
      : state === 'all'
        ? filter.assignee
          ? ['stage-created', 'stagePk', taskListPk(tenantId, 'all', ...assignee)]
          : ['pipeline-created', 'pipelinePk', taskListPk(tenantId, 'all')]
        : filter.assignee
          ? ['owner-created', 'ownerPk', taskListPk(tenantId, state, ...assignee)]
          : ['entity-created', 'entityPk', taskListPk(tenantId, state)];
    const { items, nextCursor } = await queryRaw(
      {
        IndexName,
        KeyConditionExpression: `${attribute} = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        // Open tasks are a queue (oldest first); closed and all are a history (newest first).
        ScanIndexForward: state === 'open',
      },
      page,
    );
    // The index is eventually consistent and the entry only names the task: what is listed is the
    // task as it is now, read consistently, and only if it still fits the filter.
    const tasks = await taskStore.getTasks(
      tenantId,
      items.map((i) => i.taskId as string),
    );
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const fits = (t: Task) =>
      (state === 'all' || taskState(t) === state) &&
      (!filter.assignee || approverKey(t.assignee) === filter.assignee) &&
      (!filter.documentId || t.documentId === filter.documentId);
    const listed = items.flatMap((i) => {
      const t = byId.get(i.taskId as string);
      return t && fits(t) ? [t] : [];
    });
    return { items: listed, nextCursor };
  },

  async openTasksFor(tenantId, assigneeKeys, delegate) {
    const query = (IndexName: string, key: string, pk: string) =>
      documentClient()
        .send(
          new QueryCommand({
            TableName: tableName(),
            IndexName,
            KeyConditionExpression: `${key} = :pk`,
            ExpressionAttributeValues: { ':pk': pk },
            Limit: 200,
          }),
        )
        .then((r) => (r.Items ?? []).map((i) => i.task as Task));
    const pages = await Promise.all([
      ...assigneeKeys.map((k) => query('stage-created', 'stagePk', openTaskListPk(tenantId, k))),
      query('pipeline-created', 'pipelinePk', openTaskListPk(tenantId, `user:${delegate}`)),
    ]);
    const byId = new Map(
      pages
        .flat()
        .filter((t) => t.status === 'open')
        .map((t) => [t.id, t]),
    );
    return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  },
};
