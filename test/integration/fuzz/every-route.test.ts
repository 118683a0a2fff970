import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { allRoutes } from '#infra/route-table';
import { describeExchange, exchange, requestsSent, statusCounts, violation, type Exchange } from './exchange';
import { fuzzConfig } from './fuzz-config';
import { seedWorld, type FuzzWorld } from './fuzz-world';
import { requestArbitrary } from './request-arbitrary';
import { fuzzOrder, routeSeed } from './route-order';

// Requests generated from every route's schemas, hostile values mixed
// in, must never get a 5xx, and every 4xx must be problem+json (an HTML route's: a text/html page). One summary line counts the requests.
//   bigger:        FUZZ_RUNS=2000 npm test -- test/integration/fuzz   (requests per route; default 30)
//   other seed:    FUZZ_SEED=42 (default fixed, so a red run stays red); FUZZ_BUDGET_MS caps the time
//   every class:   FUZZ_COLLECT=1 keeps going after a failure and lists each distinct failure once,
//                  instead of stopping at the first and shrinking it

const config = fuzzConfig();
const routes = fuzzOrder(allRoutes());
const deadline = Date.now() + config.budgetMs;
const failedRoutes: string[] = [];
let world: FuzzWorld;
let started = 0;

class ContractBroken extends Error {}

/** Distinct ways a route failed, the shortest example of each, for FUZZ_COLLECT runs. */
function group(failures: Array<{ ex: Exchange; why: string }>): string {
  const byClass = new Map<string, { ex: Exchange; why: string; count: number }>();
  for (const f of failures) {
    const cls = `${f.why} ${/"code":"(\w+)"/.exec(f.ex.body)?.[1] ?? ''}`;
    const seen = byClass.get(cls);
    const size = (x: Exchange) => JSON.stringify(x.request).length;
    if (!seen || size(f.ex) < size(seen.ex)) byClass.set(cls, { ...f, count: (seen?.count ?? 0) + 1 });
    else seen.count++;
  }
  return [...byClass.values()].map((c) => `[${c.count}×] ${describeExchange(c.ex, c.why)}`).join('\n\n');
}

describe('every route under generated and hostile requests', () => {
  beforeAll(async () => {
    world = await seedWorld();
    started = Date.now();
  });

  afterAll(() => {
    const summary = {
      seed: config.seed,
      runsPerRoute: config.runsPerRoute,
      routes: routes.length,
      requests: requestsSent(),
      statuses: statusCounts(),
      seconds: started ? (Date.now() - started) / 1000 : 0,
      failedRoutes,
    };
    console.log(`fuzz summary ${JSON.stringify(summary)}`);
  });

  routes.forEach((route, index) => {
    it(
      `${route.routeKey} answers without 5xx and with problem+json on 4xx`,
      async () => {
        const share = Math.max(1000, (deadline - Date.now()) / (routes.length - index));
        const collected: Array<{ ex: Exchange; why: string }> = [];
        const seed = routeSeed(config.seed, route);
        const details = await fc.check(
          fc.asyncProperty(requestArbitrary(route, world), async (request) => {
            const ex = await exchange(request, world);
            const why = violation(ex, route.html);
            if (!why) return;
            if (config.collect) collected.push({ ex, why });
            else throw new ContractBroken(describeExchange(ex, why));
          }),
          { seed, numRuns: config.runsPerRoute, plugins: [fc.interruptAfterTimeLimit(share)] },
        );
        if (details.failed || collected.length) failedRoutes.push(route.routeKey);
        if (collected.length)
          throw new Error(
            `${route.routeKey}: ${collected.length} of ${details.numRuns} requests broke the contract (FUZZ_SEED=${config.seed})\n\n${group(collected)}`,
          );
        if (details.failed) {
          const cause =
            details.errorInstance instanceof ContractBroken
              ? details.errorInstance.message
              : String(details.errorInstance);
          throw new Error(
            `${route.routeKey}: shrunk to (FUZZ_SEED=${config.seed}, route seed ${seed}, path ${details.counterexamplePath}):\n${cause}`,
          );
        }
      },
      config.budgetMs + 60_000,
    );
  });
});
