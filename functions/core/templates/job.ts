import type { RecordRef } from '#core/records/record';
import type { DocumentFacts } from '#core/templates/document-facts';
import type { EInvoiceOrder } from '#core/templates/einvoice-order';
import type { IssuedNumber } from '#core/templates/sequence';

export const JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One generation: the API answers from it, the workflow's last step writes its outcome. */
export interface Job {
  id: string;
  tenantId: string;
  status: JobStatus;
  templateId: string;
  templateVersion: number;
  record: RecordRef;
  format: 'pdf' | 'html';
  name?: string;
  /** `draft: true` on the request: marked DRAFT, takes no number. */
  draft?: true;
  /** A regeneration: the document it adds a version to, and the number that version keeps (if it has one). */
  regenerates?: { documentId: string; number?: string; sequenceId?: string };
  /** An invoice's e-invoice, as decided when the job started (absent for other documents and on older jobs). */
  eInvoice?: EInvoiceOrder;
  /** The request's dates, term, reference and text, resolved when the job started (absent on older jobs). */
  facts?: DocumentFacts;
  by: string;
  /** The key that asked for it (absent on jobs made before keys were recorded). */
  keyId?: string;
  role: string;
  createdAt: string;
  /**
   * When the job sweeper settles it if it is still running: later than its workflow can last, so
   * a job whose workflow died with the server (kill -9, a lost execution) still ends. Jobs stored
   * before the sweeper have none.
   */
  deadline?: string;
  /** The upload (and the document it becomes) the job reserves: written on the job before the reservation. */
  output?: JobOutput;
  /** The number while it is taken: written in the same transaction that takes it. */
  taken?: IssuedNumber;
  finishedAt?: string;
  documentId?: string;
  number?: string;
  /** Why it failed; `path` names the template part at fault (`header`), `budget` the template budget exceeded. */
  error?: {
    code: string;
    message: string;
    path?: string;
    budget?: string;
    /** Every field at fault when there are several (the e-invoice's pre-check names each). */
    errors?: { path: string; message: string }[];
  };
}

export interface JobOutput {
  uploadId: string;
  documentId: string;
}

/** A running job whose deadline has passed, as the sweeper's registry names it. */
export interface DueJob {
  tenantId: string;
  jobId: string;
  deadline: string;
}

/** The error of a job the sweeper ended without a document. */
export const INTERRUPTED = {
  code: 'INTERRUPTED',
  message:
    'The generation was cut off before it finished (its workflow ended without it); nothing was kept. Generate again.',
};
