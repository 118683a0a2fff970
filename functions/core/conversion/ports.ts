import type { OutboxEvent } from '#core/records/events';
import type { Page, PageRequest } from '#core/paging';
import type { RecordsDeps, RecordWrite } from '#core/records/ports';
import type { Actor, CrmRecord, RecordRef, TimelineEntry } from '#core/records/record';
import type { SearchToken } from '#core/records/search-tokens';
import type { Conversion } from '#core/conversion/conversion';
import type { ConversionMapping } from '#core/conversion/mapping';

/** Everything one conversion writes, all or nothing. */
export interface ConversionCommit {
  writes: RecordWrite[];
  /** Timeline entries on records the conversion links without changing them (an existing company). */
  mentions: Array<{ ref: RecordRef; entry: TimelineEntry }>;
  conversion: Conversion;
}

/** Everything an undo writes, all or nothing; every record on the version the conversion left. */
export interface UndoCommit {
  conversion: Conversion;
  undo: { at: string; by: string };
  /** Records the conversion created, removed with their search items and back-links. */
  removals: Array<{ record: CrmRecord; searchTokens: SearchToken[]; backLinks: RecordRef[]; tombstone: OutboxEvent }>;
  /** The lead and the existing records, put back as they were. */
  restores: RecordWrite[];
}

// commit  TransactWriteItems: every record write (records-store conditions: creates attribute_not_exists,
//         updates on their version) + Put the conversion item (attribute_not_exists). The conversion's
//         condition failing means this very conversion committed before (a retried task): 'exists'.
// undo    TransactWriteItems: Delete each created record (condition version) with its search items
//         and the back-links it wrote + the restores + Update the conversion `SET undo` (condition
//         attribute_not_exists(undo)). Any condition failing is 'conflict'.
export interface ConversionStore {
  get(tenantId: string, leadId: string, conversionId: string): Promise<Conversion | undefined>;
  /** A lead's conversions, newest first. */
  list(tenantId: string, leadId: string, page: PageRequest): Promise<Page<Conversion>>;
  commit(tenantId: string, commit: ConversionCommit): Promise<'committed' | 'exists' | 'conflict'>;
  undo(tenantId: string, commit: UndoCommit): Promise<'undone' | 'conflict'>;
  /** Links and documents a record holds in its partition (what undo must find nothing foreign among). */
  attachments(tenantId: string, ref: RecordRef): Promise<{ links: RecordRef[]; documents: string[] }>;
  /** The carry is done: the documents set, `documentsPending` cleared and its sweeper entry gone, together. */
  setDocuments(tenantId: string, conversion: Conversion, documentIds: string[]): Promise<void>;
  /** Conversions whose carry is due (`carryDueAt` before `now`), oldest first. */
  dueCarries(now: string, limit: number): Promise<DueCarry[]>;
  /** A sweeper entry whose conversion is gone (its lead deleted) or done: removed. */
  forgetCarry(due: DueCarry): Promise<void>;
  getMapping(tenantId: string): Promise<ConversionMapping | undefined>;
  putMapping(tenantId: string, mapping: ConversionMapping): Promise<void>;
}

/** A conversion whose documents the sweeper carries if the workflow did not. */
export interface DueCarry {
  tenantId: string;
  leadId: string;
  conversionId: string;
  dueAt: string;
}

/** Links the lead's documents to what it became; idempotent (links already there are kept). Returns the document ids. */
export interface DocumentCarrier {
  carry(tenantId: string, lead: RecordRef, to: RecordRef[], actor: Actor): Promise<string[]>;
  /** Undo: takes those links off again, so removed records leave no document pointing at them. */
  release(tenantId: string, documentIds: string[], from: RecordRef[], actor: Actor): Promise<void>;
}

export interface ConversionDeps {
  records: RecordsDeps;
  conversions: ConversionStore;
  documents: DocumentCarrier;
}

/** What a conversion run ends with: the dry run's plan, or the conversion (replayed: an earlier identical request's). */
export type ConversionOutcome =
  | { kind: 'plan'; plan: import('#core/conversion/plan').ConversionPlan }
  | { kind: 'converted'; conversion: Conversion; replayed: boolean; documentsPending?: boolean };

/** Runs statemachines/lead-conversion.asl.json to its end (an Express machine, started synchronously). */
export interface ConversionWorkflow {
  run(run: import('#core/conversion/run').ConversionRun): Promise<ConversionOutcome>;
}
