import type { PagesApiDeps } from '#http/pages/api-routes';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { requestDeps } from '#wiring/request';

export const pagesApiDeps = () =>
  ({
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies PagesApiDeps;
