import { systemActor } from '#core/actor';
import { newId } from '#core/ids';
import type { OutboxEvent } from '#core/records/events';
import type { Acceptance, ViewKind } from '#core/sending/share-page';

// What the client does on a share link's page, announced with the write that records it
// (decision 0012): `document.viewed` with each view the page counts (the page opened, the file
// viewed or downloaded), `offer.accepted` / `offer.declined` with the client's one answer. Their
// subjects are the view and the answer themselves, each written once (version 1): the document's
// own versions stay its changes'. The actor is the link: the client has no account.

/** One counted view of a shared document: which link, which version, what kind, the link's count after it. */
export interface DocumentView {
  id: string;
  documentId: string;
  documentVersion: number;
  linkId: string;
  sendId?: string;
  kind: ViewKind;
  at: string;
  views: number;
}

export const documentViewed = (view: DocumentView): OutboxEvent => ({
  id: newId('evt'),
  type: 'document.viewed',
  occurredAt: view.at,
  actor: systemActor('share-link', view.linkId),
  subject: { entity: 'view', id: view.id, version: 1 },
  resource: view,
});

/** The answer as the document's timeline states it: who, when, which version and bytes, why (a decline). */
export const presentAnswer = ({
  tenantId: _t,
  ipHash: _ip,
  userAgent: _ua,
  certificateId: _c,
  certificateUploadId: _u,
  certificateMailedAt: _m,
  ...shown
}: Acceptance) => shown;

export const offerAnswered = (acceptance: Acceptance): OutboxEvent => ({
  id: newId('evt'),
  type: acceptance.decision === 'accepted' ? 'offer.accepted' : 'offer.declined',
  occurredAt: acceptance.at,
  actor: systemActor('share-link', acceptance.linkId),
  subject: { entity: 'answer', id: acceptance.id, version: 1 },
  resource: acceptance,
});
