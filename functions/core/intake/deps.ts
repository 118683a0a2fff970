import type { IntakeStore } from '#core/intake/ports';
import type { RecordsDeps } from '#core/records/ports';

export interface IntakeDeps {
  intake: IntakeStore;
  records: RecordsDeps;
}

/** Only intake's ports out of a Lambda's deps: the intake use cases see nothing else. */
export const intakeDeps = (deps: IntakeDeps): IntakeDeps => ({
  intake: deps.intake,
  records: deps.records,
});
