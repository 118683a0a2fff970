import { inject } from 'vitest';
import { Contract, type SeenResponse } from '#test/contract/response-check';

// One contract per test worker, read from the running server: the document checked is the one served.
let contract: Promise<Contract> | undefined;
let checked = 0;

const load = async () =>
  new Contract((await (await fetch(`${inject('apiUrl')}/v1/openapi.json`)).json()) as Record<string, unknown>);

/** Throws when a response breaks the document, so the test that received it fails. */
export async function assertDocumented(res: SeenResponse): Promise<void> {
  const problems = (await (contract ??= load())).check(res);
  checked += 1;
  if (problems.length) {
    throw new Error(
      `Response does not match the OpenAPI document:\n- ${problems.join('\n- ')}\nbody: ${JSON.stringify(res.body).slice(0, 2000)}`,
    );
  }
}

export const checkedCount = (): number => checked;
