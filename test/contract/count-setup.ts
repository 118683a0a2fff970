import { appendFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import { checkedCount } from '#test/contract/checked-responses';

// Each test file adds how many responses it checked; the global teardown prints the total.
afterAll(() => {
  if (checkedCount() > 0) appendFileSync(inject('contractLog'), `${checkedCount()}\n`);
});
