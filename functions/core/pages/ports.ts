import type { Approval, Task } from '#core/approvals/approval';
import type { AnswerInput, Acceptance, Refused, SharePage, ViewInput } from '#core/sending/share-page';
import type { Tenant } from '#core/tenancy/caller';

// The ports of the pages Lambda (issue 23): the approval action links (store/approvals/action-links.ts
// implements them) and the rate limiter. The shapes are the parts of the store's answers the pages
// read, so the store may return more.

/** Why a token does not open a task page. `unknown` → 404 page; the others → 410 page. */
export type LinkRefusal =
  | { reason: 'unknown' }
  | { reason: 'expired'; expiresAt: string }
  | { reason: 'revoked'; revokedAt: string }
  | { reason: 'closed'; taskStatus: string; decidedBy?: string; decidedByName?: string; decidedAt?: string }
  | { reason: 'version-changed'; linkVersion: number; currentVersion: number };

export type PageDecision = 'approve' | 'reject';

/** Everything the approver's page shows, read with one token. */
export interface ApproverPageData {
  link: { id: string; taskId: string; userId: string; documentVersion: number; expiresAt: string };
  tenant: Pick<Tenant, 'id' | 'name' | 'profile'>;
  task: Task;
  approval: Approval;
  document: {
    id: string;
    name: string;
    version: number;
    sha256?: string;
    size?: number;
    contentType?: string;
    locale?: string;
  };
  assigneeName?: string;
  /** Every task the approval opened so far (who decided what), when the store reads them. */
  tasks?: Task[];
  /** Display names of the users the page names, by user id. */
  names?: Record<string, string>;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; refusal: LinkRefusal };

export interface ActionLinksPort {
  resolve(token: string, now?: Date): Promise<Resolved<ApproverPageData>>;
  decide(
    token: string,
    input: { decision: PageDecision; comment?: string },
    now?: Date,
  ): Promise<
    | { ok: true; replayed: boolean; task: Task; approval: Approval; nextStage?: { index: number; name: string } }
    | { ok: false; refusal: LinkRefusal }
    | { ok: false; field: 'comment' | 'decision'; message: string }
  >;
  delegate(
    token: string,
    input: { toUserId: string; comment?: string },
    now?: Date,
  ): Promise<
    | { ok: true; task: Task }
    | { ok: false; refusal: LinkRefusal }
    | { ok: false; field: 'toUserId' | 'comment'; message: string }
  >;
  candidates(page: ApproverPageData): Promise<Array<{ userId: string; name?: string }>>;
  download(page: ApproverPageData): Promise<string>;
  file(page: ApproverPageData): Promise<{ bytes: Buffer; contentType: string } | { tooLarge: true }>;
}

/** Requests counted per key and minute (a hashed IP or token): the count after this one. */
export interface RateCounter {
  /** Adds one to the key's count for the minute of `now` and answers the new count. */
  hit(key: string, now: Date): Promise<number>;
  /** The key's count for the minute of `now`, without adding. */
  peek(key: string, now: Date): Promise<number>;
}

/** The file a counted view or download of a client's page serves (store/sending/share-pages.ts). */
export interface SharedFileRef {
  objectKey: string;
  contentType: string;
  fileName: string;
  size: number;
  version: number;
}

export type ShareResolved<T> = { ok: true; value: T } | Refused;

export type ShareAnswerOutcome =
  | { ok: true; replayed: boolean; acceptance: Acceptance }
  | Refused
  | { ok: false; field: 'name' | 'email' | 'reason'; message: string };

/** The client's page `/s/{token}`: a share link read, its views counted, the client's answer. */
export interface SharePagesPort {
  resolve(token: string, now?: Date): Promise<ShareResolved<SharePage>>;
  view(token: string, input: ViewInput, now?: Date): Promise<ShareResolved<{ views: number; file?: SharedFileRef }>>;
  /** The page and its open's view at once (the link read once); a refused view answers the page too. */
  openPage(
    token: string,
    input: ViewInput,
    now?: Date,
  ): Promise<{ ok: true; value: { page: SharePage; views: number } } | (Refused & { page?: SharePage })>;
  accept(token: string, input: AnswerInput, now?: Date): Promise<ShareAnswerOutcome>;
  decline(token: string, input: AnswerInput & { reason: string }, now?: Date): Promise<ShareAnswerOutcome>;
  /** A presigned URL serving the file as an attachment. */
  download(file: SharedFileRef): Promise<string>;
  /** The file's bytes for the inline view, up to 4 MB. */
  file(file: SharedFileRef): Promise<{ bytes: Buffer } | { tooLarge: true }>;
}

export interface PagesDeps {
  actionLinks: ActionLinksPort;
  shares: SharePagesPort;
  rate: RateCounter;
  limits: { perIp: number; perToken: number };
  /** HMAC key of the forms' nonces (derived from the cursor secret: one secret less to deploy). */
  nonceKey: Buffer;
}
