import type { RecordRef } from '#core/records/record';

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
  by: string;
  role: string;
  createdAt: string;
  finishedAt?: string;
  documentId?: string;
  number?: string;
  /** Why it failed; `path` names the template part at fault (`header`), `budget` the template budget exceeded. */
  error?: { code: string; message: string; path?: string; budget?: string };
}
