import type { IntakeDeps } from '#core/intake/deps';
import type { ApiDeps } from '#http/deps';

export const intakeDeps = (deps: Pick<ApiDeps, 'intake' | 'records'>): IntakeDeps => ({
  intake: deps.intake,
  records: deps.records,
});
