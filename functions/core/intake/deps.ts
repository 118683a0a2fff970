import type { IntakeStore } from '#core/intake/ports';
import type { RecordsDeps } from '#core/records/ports';
import type { TenancyStore } from '#core/tenancy/ports';

export interface IntakeDeps {
  intake: IntakeStore;
  records: RecordsDeps;
  tenants: Pick<TenancyStore, 'getTenant'>;
}
