import type { Send } from '#core/sending/send';
import { documentPk, sendSk } from '#store/dynamo/keys';

export const sendKey = (tenantId: string, documentId: string, sendId: string) => ({
  pk: documentPk(tenantId, documentId),
  sk: sendSk(sendId),
});

export const sendItem = (s: Send) => ({ ...sendKey(s.tenantId, s.documentId, s.id), kind: 'send', send: s });

export const sendFromItem = (item: Record<string, unknown>): Send => item.send as Send;
