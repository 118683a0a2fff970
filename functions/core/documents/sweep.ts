import { sweepUpload } from '#core/documents/finalise-upload';
import type { DocumentsDeps } from '#core/documents/ports';
import type { ReservationSweep } from '#core/documents/ports';

/** Reservations settled per run; the next run (a minute later) takes the rest. */
export const SWEEP_BATCH = 200;

/**
 * Settles every due reservation: an object whose event was lost is finalised, a missing one
 * released. One failure does not stop the rest; it is retried on the next run.
 */
export async function sweepDue(
  deps: DocumentsDeps,
  sweep: ReservationSweep,
): Promise<{ settled: Record<string, number>; failed: number }> {
  const settled: Record<string, number> = {};
  let failed = 0;
  for (const due of await sweep.due(deps.clock.now(), SWEEP_BATCH)) {
    try {
      const outcome = await sweepUpload(deps, due.tenantId, due.uploadId);
      settled[outcome.status] = (settled[outcome.status] ?? 0) + 1;
    } catch {
      failed += 1;
    }
  }
  return { settled, failed };
}
