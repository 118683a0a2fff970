import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { linkActor } from '#core/actor';
import type { Document, DocumentVersion } from '#core/documents/document';
import type { ShareLink } from '#core/documents/ports';
import { parseShareToken, tokenMatches } from '#core/documents/share-token';
import { newId } from '#core/ids';
import type { Change } from '#core/records/record';
import type { Send } from '#core/sending/send';
import {
  checkAnswer,
  cleanUserAgent,
  hashIp,
  linkRefusal,
  VIEW_ENTRY_GAP_MS,
  VIEW_TTL_SECONDS,
  type Acceptance,
  type AnswerInput,
  type Decision,
  type FieldRefusal,
  type PageTenant,
  type Refused,
  type Resolved,
  type SharePage,
  type SharePageRefusal,
  type ViewInput,
} from '#core/sending/share-page';
import type { Tenant } from '#core/tenancy/caller';
import { logger } from '#observability/logger';
import { invokeAsync } from '#store/aws/invoke';
import { documentClient, tableName } from '#store/dynamo/client';
import { isConditionFailure } from '#store/dynamo/item';
import { acceptanceSk, documentPk, META, recordPk, shareViewSk, viewSaltPk } from '#store/dynamo/keys';
import { TTL_ATTRIBUTE } from '#store/dynamo/table-schema';
import { transact, type TransactItem } from '#store/dynamo/transact';
import { outboxPuts } from '#store/dynamo/outbox-item';
import { documentViewed, offerAnswered } from '#core/sending/page-events';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { documentKey, shareLinkFromItem, shareLinkKey, timelineItem } from '#store/documents/items';
import { dynamoShareLinkStore } from '#store/documents/share-link-store';
import { documentEntry } from '#store/documents/timeline';
import { moveDealToStage } from '#store/sending/deal-stage';
import { dynamoSendStore, sendKeyOf } from '#store/sending/sends-store';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';

// The store side of the client's page `/s/{token}` (issue 23): reading a share link for its page,
// recording views, and the client's answer to an offer. Each function takes the token as the page
// got it and answers `{ ok: false, refusal }` for anything the page shows as a 404 or 410, like
// the approval action links (store/approvals/action-links.ts).

interface Opened {
  link: ShareLink;
  tenant: Tenant;
  doc: Document;
  version: DocumentVersion;
}

const refused = (refusal: SharePageRefusal, tenant?: Tenant): Refused => ({
  ok: false,
  refusal,
  ...(tenant && { tenant: pageTenant(tenant) }),
});
const pageTenant = (tenant: Tenant): PageTenant => ({
  id: tenant.id,
  name: tenant.name,
  ...(tenant.profile ? { profile: tenant.profile } : {}),
});
const UNKNOWN = refused({ reason: 'unknown' });

/** A well-formed key no link has: a malformed token reads it, so it costs a read like a real one. */
const NO_LINK = { pk: 'T#ten_00000000000000000000000000#sharelink#none', sk: META };

async function getLinkItem(key: { pk: string; sk: string }) {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return Item;
}

/** The link, its tenant, its document and the document's current version; or why not. */
async function open(
  token: string,
  at: Date,
): Promise<{ ok: true; value: Opened } | { ok: false; refusal: SharePageRefusal }> {
  const named = parseShareToken(token);
  const [item, tenant] = await Promise.all([
    getLinkItem(named ? shareLinkKey(named.tenantId, named.linkId) : NO_LINK),
    named ? dynamoTenancyStore.getTenant(named.tenantId) : undefined,
  ]);
  const link = item ? shareLinkFromItem(item) : undefined;
  if (!named || !link || !tokenMatches(token, link.tokenHash)) return UNKNOWN;
  // A suspended tenant's links are unknown, as its download links are (nothing changes on them).
  if (!tenant || tenant.status !== 'active') return UNKNOWN;
  const why = linkRefusal(link, at);
  if (why) return refused(why, tenant);
  const doc = await dynamoDocumentsStore.getDocument(link.tenantId, link.documentId);
  if (!doc) return UNKNOWN;
  const version = await dynamoDocumentsStore.getVersion(link.tenantId, doc.id, doc.currentVersion);
  if (!version) return UNKNOWN;
  return { ok: true, value: { link, tenant, doc, version } };
}

async function sendOf(link: ShareLink): Promise<Send | undefined> {
  return link.sendId ? dynamoSendStore.get(link.tenantId, link.documentId, link.sendId) : undefined;
}

/** The send's one recipient, who alone may accept through a send's link. */
const recipientOf = (send: Send | undefined): string | undefined =>
  send && send.to.length === 1 ? send.to[0].email : undefined;

const acceptanceKey = (tenantId: string, documentId: string, linkId: string) => ({
  pk: documentPk(tenantId, documentId),
  sk: acceptanceSk(linkId),
});

export async function getAcceptance(link: Pick<ShareLink, 'tenantId' | 'documentId' | 'id'>) {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: acceptanceKey(link.tenantId, link.documentId, link.id),
      ConsistentRead: true,
    }),
  );
  return Item ? (Item.acceptance as Acceptance) : undefined;
}

const versionChange = (link: ShareLink, doc: Document) =>
  link.documentVersion !== undefined && link.documentVersion !== doc.currentVersion
    ? { linkVersion: link.documentVersion, currentVersion: doc.currentVersion }
    : undefined;

/**
 * Everything the client's page shows. Reading records nothing: the page records its open with
 * `recordShareView(token, {kind: 'page'})`, or reads and records at once with `viewSharePage`.
 */
export async function resolveSharePage(token: string, now = new Date()): Promise<Resolved<SharePage>> {
  const opened = await open(token, now);
  if (!opened.ok) return opened;
  return { ok: true, value: await pageOf(opened.value) };
}

async function pageOf({ link, tenant, doc, version }: Opened): Promise<SharePage> {
  const [user, send, answer] = await Promise.all([
    dynamoTenancyStore.getUser(link.tenantId, link.by),
    sendOf(link),
    link.acceptance ? getAcceptance(link) : undefined,
  ]);
  const changed = link.acceptance ? versionChange(link, doc) : undefined;
  const email = recipientOf(send);
  return {
    link,
    tenant: pageTenant(tenant),
    ...(user?.name ? { senderName: user.name } : {}),
    document: {
      id: doc.id,
      name: doc.name,
      size: version.size,
      contentType: version.contentType,
      version: version.number,
      sha256: version.sha256,
      ...(version.generated?.locale ? { locale: version.generated.locale } : {}),
    },
    acceptance: {
      asked: link.acceptance === true,
      ...(email ? { email } : {}),
      ...(answer ? { answer } : {}),
      ...(changed ? { versionChanged: changed } : {}),
    },
  };
}

/**
 * The client's page in one go: the link opened once, then the page's reads and the view's writes
 * side by side (the view's conditional update still re-checks revocation, expiry and the download
 * limit, so a change in between refuses as it did when the view opened the link itself). A view
 * refused after the page was read answers the page too, for its language.
 */
export async function viewSharePage(
  token: string,
  input: ViewInput,
  now = new Date(),
): Promise<{ ok: true; value: { page: SharePage; views: number; first: boolean } } | (Refused & { page?: SharePage })> {
  const [opened, salt] = await openToView(token, now);
  if (!opened.ok) return opened;
  const [page, viewed] = await Promise.all([pageOf(opened.value), countView(opened.value, input, now, salt)]);
  if (!viewed.ok) return { ...viewed, page };
  return { ok: true, value: { page, views: viewed.value.views, first: viewed.value.first } };
}

const saltKey = (tenantId: string) => ({ pk: viewSaltPk(tenantId), sk: META });

/** The link opened and the tenant's view salt read side by side (a read only: it is made, if need be, once the link opened). */
async function openToView(token: string, now: Date) {
  const named = parseShareToken(token);
  return Promise.all([open(token, now), named ? readSalt(named.tenantId) : undefined]);
}

async function readSalt(tenantId: string): Promise<string | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: saltKey(tenantId), ConsistentRead: true }),
  );
  return Item?.salt as string | undefined;
}

/** The tenant's random salt for viewers' IPs, made on first use (a lost race reads the winner's). */
async function viewSalt(tenantId: string, found?: string): Promise<string> {
  if (found) return found;
  const read = await readSalt(tenantId);
  if (read) return read;
  const salt = randomBytes(32).toString('base64url');
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...saltKey(tenantId), kind: 'view-salt', salt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return salt;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await readSalt(tenantId))!;
  }
}

/** What the page serves for a counted file view or download. */
export interface SharedFile {
  objectKey: string;
  contentType: string;
  fileName: string;
  size: number;
  version: number;
}

/** The document's entry and each linked record's (a restricted document shows there by id only). */
function entries(
  doc: Document,
  type: string,
  link: ShareLink,
  at: string,
  to: Record<string, unknown>,
): TransactItem[] {
  const actor = linkActor(link);
  const onDoc: Change = { field: type === 'document_viewed' ? 'view' : 'offer', from: null, to };
  const shown = doc.visibility === 'tenant' ? { id: doc.id, name: doc.name } : { id: doc.id };
  const onRecord: Change = { ...onDoc, to: { document: shown, ...(doc.visibility === 'tenant' ? to : {}) } };
  return [
    documentEntry(tableName(), doc, type, actor, at, [onDoc]),
    ...doc.links.map((l) => ({
      Put: {
        TableName: tableName(),
        Item: timelineItem(recordPk(doc.tenantId, l.entity, l.id), {
          id: newId('evt'),
          at,
          actor,
          type,
          changes: [onRecord],
        }),
      },
    })),
  ];
}

/**
 * Records one view: a page open, or a file view or download through the page (those two count
 * toward `maxDownloads`, as `/v1/shared/{token}` does, and are logged as downloads). The view is
 * an item `VIEW#<link>#<ulid>` (TTL a year) with the time, the user agent and the IP hashed under
 * the tenant's salt; the link and its send count `views` and keep `firstViewedAt`/`viewedAt`.
 * `document_viewed` goes on the document's and its records' timelines at most once per link per hour.
 */
export async function recordShareView(
  token: string,
  input: ViewInput,
  now = new Date(),
): Promise<Resolved<{ views: number; first: boolean; file?: SharedFile }>> {
  const [opened, salt] = await openToView(token, now);
  if (!opened.ok) return opened;
  return countView(opened.value, input, now, salt);
}

/** The view of a link already opened (see `recordShareView`); `knownSalt` the tenant's salt if read. */
async function countView(
  { link, tenant, doc, version }: Opened,
  input: ViewInput,
  now: Date,
  knownSalt: string | undefined,
): Promise<Resolved<{ views: number; first: boolean; file?: SharedFile }>> {
  const at = now.toISOString();
  const TableName = tableName();
  const counted = input.kind !== 'page';
  if (counted && !(await dynamoShareLinkStore.countDownload(link, at))) {
    // Lost a race to a revocation or to the last allowed download: say which.
    const again = await dynamoShareLinkStore.getShareLink(link.tenantId, link.id);
    return refused(
      (again && linkRefusal(again, now)) ?? { reason: 'used-up', maxDownloads: link.maxDownloads ?? link.downloads },
      tenant,
    );
  }
  const salt = await viewSalt(link.tenantId, knownSalt);
  const viewId = newId('evt').slice(4);
  // The link's count first, read back as it now is (`first` and `views` hold under concurrent views);
  // then the view item and the send's count together.
  let views: number;
  let loggedAt: string | undefined;
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName,
        Key: shareLinkKey(link.tenantId, link.id),
        UpdateExpression:
          'SET #l.#views = if_not_exists(#l.#views, :zero) + :one, #l.firstViewedAt = if_not_exists(#l.firstViewedAt, :now), #l.lastViewedAt = :now',
        // A page open re-checks what the reader saw; a file view was checked as it was counted.
        ConditionExpression: counted
          ? 'attribute_exists(pk)'
          : 'attribute_exists(pk) AND attribute_not_exists(#l.revokedAt) AND #l.expiresAt > :now AND (attribute_not_exists(#l.maxDownloads) OR #l.downloads < #l.maxDownloads)',
        ExpressionAttributeNames: { '#l': 'link', '#views': 'views' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': at },
        // The whole item: `viewLoggedAt` tells whether this hour's timeline entry is made already.
        ReturnValues: 'ALL_NEW',
      }),
    );
    views = (Attributes?.link as { views?: number } | undefined)?.views ?? (link.views ?? 0) + 1;
    loggedAt = Attributes?.viewLoggedAt as string | undefined;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const again = await dynamoShareLinkStore.getShareLink(link.tenantId, link.id);
    const why = again && linkRefusal(again, now);
    return why ? refused(why, tenant) : UNKNOWN;
  }
  await transact({
    retry: 'share link',
    hard: [
      {
        Put: {
          TableName,
          Item: {
            pk: documentPk(link.tenantId, link.documentId),
            sk: shareViewSk(link.id, viewId),
            kind: 'share-view',
            view: {
              linkId: link.id,
              ...(link.sendId ? { sendId: link.sendId } : {}),
              kind: input.kind,
              at,
              userAgent: cleanUserAgent(input.userAgent),
              ipHash: hashIp(salt, input.ip),
              version: version.number,
            },
            [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + VIEW_TTL_SECONDS,
          },
        },
      },
      // The send's count (a send deleted with its document meanwhile fails the condition: then the
      // view stays counted on the link only, and nothing else is written for a document that went).
      ...(link.sendId
        ? [
            {
              Update: {
                TableName,
                Key: sendKeyOf(link.tenantId, link.documentId, link.sendId),
                UpdateExpression:
                  'SET #views = if_not_exists(#views, :zero) + :one, viewedAt = if_not_exists(viewedAt, :now), lastViewedAt = :now',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#views': 'views' },
                ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': at },
              },
            },
          ]
        : []),
    ],
    events: outboxPuts(link.tenantId, [
      documentViewed({
        id: viewId,
        documentId: link.documentId,
        documentVersion: version.number,
        linkId: link.id,
        ...(link.sendId ? { sendId: link.sendId } : {}),
        kind: input.kind,
        at,
        views,
      }),
    ]),
    tooLarge: 'unreachable: a view is two items',
  });
  // Made this hour already (most views): no claim to try. Else the claim decides, as before.
  if (!loggedAt || loggedAt <= viewCut(now)) await logView(link, doc, now, views, input.kind);
  return {
    ok: true,
    value: {
      views,
      first: views === 1,
      ...(counted
        ? {
            file: {
              objectKey: version.objectKey,
              contentType: version.contentType,
              fileName: doc.name,
              size: version.size,
              version: version.number,
            },
          }
        : {}),
    },
  };
}

const viewCut = (now: Date) => new Date(now.getTime() - VIEW_ENTRY_GAP_MS).toISOString();

/** `document_viewed`, at most once per link per hour: the link's `viewLoggedAt` is the gate, claimed with the entries. */
async function logView(link: ShareLink, doc: Document, now: Date, views: number, kind: ViewInput['kind']) {
  const at = now.toISOString();
  const cut = viewCut(now);
  const result = await transact({
    hard: [
      {
        Update: {
          TableName: tableName(),
          Key: shareLinkKey(link.tenantId, link.id),
          UpdateExpression: 'SET viewLoggedAt = :now',
          ConditionExpression: 'attribute_not_exists(viewLoggedAt) OR viewLoggedAt <= :cut',
          ExpressionAttributeValues: { ':now': at, ':cut': cut },
        },
      },
    ],
    soft: entries(doc, 'document_viewed', link, at, {
      linkId: link.id,
      ...(link.sendId ? { sendId: link.sendId } : {}),
      kind,
      views,
    }),
  });
  if (!result.ok && !result.reasons.some((r) => r.code === 'ConditionalCheckFailed')) throw result.error;
}

export type AnswerOutcome = { ok: true; replayed: boolean; acceptance: Acceptance } | Refused | FieldRefusal;

/**
 * The client accepts the offer: a simple electronic signature (name, email, time, IP hash, user
 * agent, document id, version and SHA-256) kept as the link's `acceptance` item, `offer_accepted`
 * on the document's and its records' timelines, and the linked deals moved to the tenant's
 * `acceptanceStageId` where their pipeline holds it. A second accept answers the same acceptance
 * (`replayed`); after a decline it is refused. `onAccepted` runs after a first acceptance (the
 * certificate's worker is invoked there).
 */
export function acceptOffer(token: string, input: AnswerInput, now = new Date()): Promise<AnswerOutcome> {
  return answer(token, 'accepted', input, now);
}

/** The client declines, saying why: recorded the same way (`offer_declined`); refused after an accept. */
export function declineOffer(
  token: string,
  input: AnswerInput & { reason: string },
  now = new Date(),
): Promise<AnswerOutcome> {
  return answer(token, 'declined', input, now);
}

async function answer(
  token: string,
  decision: Decision,
  input: AnswerInput & { reason?: string },
  now: Date,
): Promise<AnswerOutcome> {
  const opened = await open(token, now);
  if (!opened.ok) return opened;
  const { link, tenant, doc, version } = opened.value;
  if (!link.acceptance) return refused({ reason: 'not-asked' });
  const existing = await getAcceptance(link);
  if (existing) return settledAgain(existing, decision);
  const send = await sendOf(link);
  const checked = checkAnswer(input, decision, recipientOf(send));
  if (!checked.ok) return checked;
  const at = now.toISOString();
  const changed = versionChange(link, doc);
  if (changed) {
    // The sender learns it from the timeline: the client tried to answer an outdated version.
    await transact({
      hard: [],
      soft: entries(doc, 'offer_version_changed', link, at, {
        linkId: link.id,
        decision,
        name: checked.name,
        ...changed,
      }),
    });
    return refused({ reason: 'version-changed', ...changed });
  }
  const salt = await viewSalt(link.tenantId);
  const acceptance: Acceptance = {
    id: newId('acc'),
    tenantId: link.tenantId,
    documentId: doc.id,
    linkId: link.id,
    ...(link.sendId ? { sendId: link.sendId } : {}),
    decision,
    name: checked.name,
    email: checked.email,
    ...(checked.reason ? { reason: checked.reason } : {}),
    at,
    ipHash: hashIp(salt, input.ip),
    userAgent: cleanUserAgent(input.userAgent),
    documentVersion: version.number,
    sha256: version.sha256,
  };
  const TableName = tableName();
  const result = await transact({
    retry: 'document',
    hard: [
      {
        Put: {
          TableName,
          Item: {
            ...acceptanceKey(link.tenantId, doc.id, link.id),
            kind: 'acceptance',
            acceptance,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      // The version the client saw is still the current one, and the link still works.
      {
        ConditionCheck: {
          TableName,
          Key: documentKey(link.tenantId, doc.id),
          ConditionExpression: '#d.currentVersion = :v',
          ExpressionAttributeNames: { '#d': 'document' },
          ExpressionAttributeValues: { ':v': version.number },
        },
      },
      {
        ConditionCheck: {
          TableName,
          Key: shareLinkKey(link.tenantId, link.id),
          ConditionExpression: 'attribute_not_exists(#l.revokedAt) AND #l.expiresAt > :now',
          ExpressionAttributeNames: { '#l': 'link' },
          ExpressionAttributeValues: { ':now': at },
        },
      },
      ...(link.sendId
        ? [
            {
              Update: {
                TableName,
                Key: sendKeyOf(link.tenantId, doc.id, link.sendId),
                UpdateExpression: 'SET answer = :answer',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':answer': { decision, at, acceptanceId: acceptance.id } },
              },
            },
          ]
        : []),
    ],
    soft: entries(doc, decision === 'accepted' ? 'offer_accepted' : 'offer_declined', link, at, {
      acceptanceId: acceptance.id,
      linkId: link.id,
      ...(link.sendId ? { sendId: link.sendId } : {}),
      name: acceptance.name,
      email: acceptance.email,
      version: acceptance.documentVersion,
      sha256: acceptance.sha256,
      ...(acceptance.reason ? { reason: acceptance.reason } : {}),
    }),
    events: outboxPuts(link.tenantId, [offerAnswered(acceptance)]),
    tooLarge: 'unreachable: an answer is at most four items',
  });
  if (!result.ok) {
    // A double click, or a change since the read: answer as the stored state says.
    const now2 = await getAcceptance(link);
    if (now2) return settledAgain(now2, decision);
    const again = await open(token, now);
    if (!again.ok) return again;
    const moved = versionChange(link, again.value.doc);
    if (moved) return refused({ reason: 'version-changed', ...moved });
    throw result.error;
  }
  if (decision === 'accepted') {
    await moveDeals(tenant, doc, link, at);
    await requestCertificate(acceptance);
  }
  return { ok: true, replayed: false, acceptance };
}

/** A replayed accept asks again for a certificate not yet mailed: the worker finishes what it had not. */
async function settledAgain(existing: Acceptance, decision: Decision): Promise<AnswerOutcome> {
  const outcome = settled(existing, decision);
  if (outcome.ok && existing.decision === 'accepted' && !existing.certificateMailedAt)
    await requestCertificate(existing);
  return outcome;
}

/**
 * Hands the certificate to its worker (`acceptance-certificate`, asynchronous: Lambda retries it).
 * The acceptance stands whether or not the hand-over works; a failed one is logged, and the
 * client's next accept (a replay) asks again.
 */
async function requestCertificate(a: Acceptance): Promise<void> {
  try {
    await invokeAsync('acceptance-certificate', { tenantId: a.tenantId, documentId: a.documentId, linkId: a.linkId });
  } catch (e) {
    logger.error('acceptance certificate not requested', { acceptanceId: a.id, error: (e as Error).message });
  }
}

/** The worker's claim: the certificate's document and upload ids, fixed once so retries reuse them. */
export async function claimCertificate(
  a: Acceptance,
): Promise<Acceptance & { certificateId: string; certificateUploadId: string }> {
  if (a.certificateId && a.certificateUploadId)
    return a as Acceptance & { certificateId: string; certificateUploadId: string };
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: acceptanceKey(a.tenantId, a.documentId, a.linkId),
        UpdateExpression: 'SET #a.certificateId = :doc, #a.certificateUploadId = :upl',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#a.certificateId)',
        ExpressionAttributeNames: { '#a': 'acceptance' },
        ExpressionAttributeValues: { ':doc': newId('doc'), ':upl': newId('upl') },
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  const claimed = await getAcceptance({ tenantId: a.tenantId, documentId: a.documentId, id: a.linkId });
  if (!claimed?.certificateId || !claimed.certificateUploadId) throw new Error(`acceptance ${a.id} is gone`);
  return claimed as Acceptance & { certificateId: string; certificateUploadId: string };
}

/**
 * Claims the certificate's email (two workers may run at once: a double click invokes twice): true
 * for the one that may send it. A send that fails gives the claim back (`releaseCertificateMail`),
 * so Lambda's retry sends it.
 */
export async function claimCertificateMail(a: Acceptance, at: string): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: acceptanceKey(a.tenantId, a.documentId, a.linkId),
        UpdateExpression: 'SET #a.certificateMailedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#a.certificateMailedAt)',
        ExpressionAttributeNames: { '#a': 'acceptance' },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function releaseCertificateMail(a: Acceptance): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: acceptanceKey(a.tenantId, a.documentId, a.linkId),
      UpdateExpression: 'REMOVE #a.certificateMailedAt',
      ExpressionAttributeNames: { '#a': 'acceptance' },
    }),
  );
}

function settled(existing: Acceptance, decision: Decision): AnswerOutcome {
  if (existing.decision === decision) return { ok: true, replayed: true, acceptance: existing };
  return refused({ reason: 'answered', decision: existing.decision, at: existing.at });
}

/** Moves the document's deals to the tenant's acceptance stage, where their pipeline holds it. */
async function moveDeals(tenant: Tenant, doc: Document, link: ShareLink, at: string): Promise<void> {
  const stageId = tenant.acceptanceStageId;
  if (!stageId) return;
  for (const l of doc.links)
    if (l.entity === 'deal') await moveDealToStage(tenant.id, l.id, stageId, linkActor(link), at);
}
