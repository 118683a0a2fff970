import type { ReconcileRunnerDeps } from '#core/quota/reconcile-jobs';
import { rebuildSearch, rebuildStart, type RebuildProgress } from '#core/search/rebuild';
import { idPage } from '#store/search/rebuild-pages';
import { reconcileDeps } from '#wiring/reconcile';
import { indexingDeps } from '#wiring/search';

/** The scheduled job runner's ports: the routes' and the search rebuild (LanceDB, in its layer). */
export const reconcileRunnerDeps: ReconcileRunnerDeps = {
  ...reconcileDeps,
  // `from` is what rebuildSearch returned at the run before, as the job stored it.
  searchRebuild: (tenantId, from, deadline) =>
    rebuildSearch(
      { ...indexingDeps, idPage },
      tenantId,
      (from as RebuildProgress | undefined) ?? rebuildStart(),
      () => Date.now() >= deadline,
    ),
};
