import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachines } from '#infra/catalog';
import { projectRoot } from '#infra/constructs/project';
import type { LocalStepFunctions } from '#infra/local/sfn/local-step-functions';

/** Registers every catalog state machine on a local runner, its tasks bound to the catalog functions: ARNs by id. */
export function registerStateMachines(sfn: LocalStepFunctions): Record<string, string> {
  return Object.fromEntries(
    stateMachines.map((m) => [
      m.id,
      sfn.register({
        id: m.id,
        type: m.type,
        definition: readFileSync(join(projectRoot, m.file), 'utf8'),
        substitutions: Object.fromEntries(Object.entries(m.functions).map(([key, fn]) => [key, sfn.functionArn(fn)])),
      }),
    ]),
  );
}
