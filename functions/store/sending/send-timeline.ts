import type { Change } from '#core/records/record';
import type { Send } from '#core/sending/send';
import { recordPk } from '#store/dynamo/keys';
import { timelineItem } from '#store/documents/items';
import { documentEntry } from '#store/documents/timeline';
import { actorOf } from '#core/actor';
import type { TransactItem } from '#store/dynamo/transact';
import { newId } from '#core/ids';

// `email_sent` on the document and on each record it was linked to when sent (the shape of the
// documents' own entries: one change naming what happened); `email_failed` on the document only.
// A restricted document's name never reaches record timelines, and neither does its subject.

const summary = (s: Send) => ({
  sendId: s.id,
  to: s.to.map((r) => r.email),
  cc: s.cc.map((r) => r.email),
  subject: s.subject,
  as: s.as,
  ...(s.eInvoice ? { eInvoice: s.eInvoice.documentId } : {}),
  ...(s.messageId ? { messageId: s.messageId } : {}),
  ...(s.reason ? { reason: s.reason } : {}),
});

export function sendEntries(TableName: string, s: Send, restricted: boolean): TransactItem[] {
  const type = s.status === 'failed' ? 'email_failed' : 'email_sent';
  const onDocument: Change = { field: 'email', from: null, to: summary(s) };
  const items = [
    documentEntry(TableName, { tenantId: s.tenantId, id: s.documentId }, type, actorOf(s.by, s.keyId), s.updatedAt, [
      onDocument,
    ]),
  ];
  if (type === 'email_failed') return items;
  const { subject: _subject, ...withoutSubject } = summary(s);
  const onRecord: Change = {
    field: 'email',
    from: null,
    to: { document: { id: s.documentId }, ...(restricted ? withoutSubject : summary(s)) },
  };
  for (const link of s.links)
    items.push({
      Put: {
        TableName,
        Item: timelineItem(recordPk(s.tenantId, link.entity, link.id), {
          id: newId('evt'),
          at: s.updatedAt,
          actor: actorOf(s.by, s.keyId),
          type,
          changes: [onRecord],
        }),
      },
    });
  return items;
}
