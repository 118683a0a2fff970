import type { IntakeStore } from '#core/intake/ports';
import type { RecordsDeps } from '#core/records/ports';

export interface IntakeDeps {
  intake: IntakeStore;
  records: RecordsDeps;
}
