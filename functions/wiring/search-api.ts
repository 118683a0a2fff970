import type { SearchApiDeps } from '#http/search/api-routes';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { requestDeps } from '#wiring/request';
import { searchDeps } from '#wiring/search';

export const searchApiDeps = () =>
  ({
    search: searchDeps,
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies SearchApiDeps;
