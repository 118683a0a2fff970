import type { ContactDirectory } from '#core/sending/ports';
import { newId } from '#core/ids';
import { tableName } from '#store/dynamo/client';
import { recordPk } from '#store/dynamo/keys';
import { recordKey } from '#store/records/record-item';
import { dynamoRecordsStore } from '#store/records/records-store';
import { timelineItem } from '#store/documents/items';
import { transact } from '#store/dynamo/transact';
import { systemActor } from '#core/actor';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

const nameOf = (fields: Record<string, unknown>): string =>
  [fields.firstName, fields.lastName].filter(Boolean).join(' ').replace(CONTROL, ' ').trim();

export const dynamoContactDirectory: ContactDirectory = {
  async contacts(tenantId, ids) {
    const records = await dynamoRecordsStore.getMany(
      tenantId,
      ids.map((id) => ({ entity: 'contact' as const, id })),
    );
    return records.map((r) => ({
      id: r.id,
      name: nameOf(r.fields),
      emails: (r.fields.emails as string[] | undefined) ?? [],
    }));
  },

  /**
   * `emailStatus` is part of the contact (`{address: status}`), so the record's version moves on
   * and a concurrent edit of the contact re-applies onto it instead of dropping it.
   */
  async markEmail(tenantId, contactId, email, status, at) {
    const TableName = tableName();
    for (let attempt = 0; attempt < 5; attempt++) {
      const contact = await dynamoRecordsStore.get(tenantId, 'contact', contactId);
      if (!contact) return;
      const current = (contact.fields.emailStatus as Record<string, string> | undefined) ?? {};
      if (current[email] === status) return;
      const result = await transact({
        retry: 'document',
        hard: [
          {
            Update: {
              TableName,
              Key: recordKey(tenantId, { entity: 'contact', id: contactId }),
              UpdateExpression: 'SET #r.#f.#es = :status, #r.#v = :next',
              ConditionExpression: '#r.#v = :seen',
              ExpressionAttributeNames: { '#r': 'record', '#f': 'fields', '#es': 'emailStatus', '#v': 'version' },
              ExpressionAttributeValues: {
                ':status': { ...current, [email]: status },
                ':next': contact.version + 1,
                ':seen': contact.version,
              },
            },
          },
        ],
        soft: [
          {
            Put: {
              TableName,
              Item: timelineItem(recordPk(tenantId, 'contact', contactId), {
                id: newId('evt'),
                at,
                actor: systemActor('ses'),
                type: status === 'bounced' ? 'email_bounced' : 'email_complained',
                changes: [{ field: `emailStatus.${email}`, from: current[email] ?? null, to: status }],
              }),
            },
          },
        ],
        tooLarge: 'unreachable: one record and one entry',
      });
      if (result.ok) return;
    }
    throw new Error(`contact ${contactId}: too contended to mark ${status}`);
  },
};
