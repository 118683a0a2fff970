import type { Page, PageRequest } from '#core/paging';
import type { Form } from '#core/intake/form';
import type { Outcome, Submission, SubmissionStatus } from '#core/intake/submission';
import type { RecordWrite } from '#core/records/ports';
import type { RecordRef, TimelineEntry } from '#core/records/record';
import type { Tenant } from '#core/tenancy/caller';

/** An entry on an existing record's timeline, written with the submission (a repeat seen on the earlier lead). */
export interface TimelineNote {
  ref: RecordRef;
  entry: TimelineEntry;
}

/** Everything one accepted (or deduplicated) submission writes, in one transaction. */
export interface SubmissionCommit {
  submission: Submission;
  outcome: Outcome;
  /** Claims the sender's event id: a second delivery finds the first outcome. */
  eventKey?: string;
  /** Claims the content until `until`: the same submission again within the window is a duplicate. */
  content?: { key: string; until: Date };
  lead?: RecordWrite;
  note?: TimelineNote;
}

/** A claim another submission holds already (a replay or a concurrent duplicate): nothing was written. */
export class ClaimTaken extends Error {
  constructor(readonly claim: 'event' | 'content') {
    super(`${claim} claimed already`);
  }
}

export interface ContentClaim {
  submissionId: string;
  leadId: string | null;
}

export interface IntakeStore {
  getForm(tenantId: string, formId: string): Promise<Form | undefined>;
  /** The form a public request names and its tenant, in one round trip. */
  formWithTenant(tenantId: string, formId: string): Promise<{ form?: Form; tenant?: Tenant }>;
  /** Creates (expectedVersion undefined) or replaces a form at `expectedVersion`. */
  putForm(tenantId: string, form: Form, expectedVersion?: number): Promise<void>;
  deleteForm(tenantId: string, form: Form): Promise<void>;
  listForms(tenantId: string, page: PageRequest): Promise<Page<Form>>;
  /** The outcome stored under a sender's event id, if it was seen. */
  eventOutcome(tenantId: string, formId: string, eventKey: string): Promise<Outcome | undefined>;
  /** The submission that claims this content and whose window is still open at `at`. */
  contentClaim(tenantId: string, formId: string, contentKey: string, at: Date): Promise<ContentClaim | undefined>;
  /** Throws ClaimTaken when the event id or the content is claimed meanwhile. */
  commit(tenantId: string, commit: SubmissionCommit): Promise<void>;
  /** Stores a refused or spam submission; refused ones expire (unauthenticated senders cannot grow the log forever). */
  log(tenantId: string, submission: Submission, expires: boolean): Promise<void>;
  /**
   * Counts one submission in the form's window, for the form and for the client IP, and returns both
   * counts; undefined (nothing counted) when the form's count has reached `formLimit` already.
   */
  countSubmission(
    tenantId: string,
    formId: string,
    ipHash: string,
    window: { start: Date; seconds: number },
    formLimit: number,
  ): Promise<{ form: number; ip: number } | undefined>;
  /** Counts one logged refusal in the form's window and returns the count. */
  countRefusal(tenantId: string, formId: string, window: { start: Date; seconds: number }): Promise<number>;
  getSubmission(tenantId: string, formId: string, id: string): Promise<Submission | undefined>;
  listSubmissions(
    tenantId: string,
    formId: string,
    status: SubmissionStatus | undefined,
    page: PageRequest,
  ): Promise<Page<Submission>>;
  /** Replaces a spam submission by its released form and creates its lead, if it is still spam. */
  release(tenantId: string, released: Submission, lead: RecordWrite, note?: TimelineNote): Promise<void>;
}
