import { readFileSync } from 'node:fs';
import { App, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RENDER_JOB_DEADLINE_DEFAULT_MS } from '#config';
import { functions, stateMachines } from '#infra/catalog';
import { DossierStack } from '#infra/dossier-stack';
import { actionsOf, referencedId, resourcesFor, statementsOfRole } from '#test/infra/template-queries';

// The job sweeper (in sweep-reservations) ends render jobs whose workflow died, from what is
// stored: it needs the table and the bucket, never the workflow; and its deadline must come after
// anything the workflow can still do, or it would settle a render that is about to finish.

let stack: DossierStack;
let template: Template;
beforeAll(() => {
  stack = new DossierStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Dossier', {
    corsOrigins: ['*'],
  });
  template = Template.fromStack(stack);
});

describe('the render job sweeper', () => {
  it('may write the table and delete objects of the bucket, and touches no workflow', () => {
    const fn = stack.functions.get('sweep-reservations');
    const role = stack.getLogicalId(fn.role!.node.defaultChild as CfnResource);
    const statements = statementsOfRole(template, role);
    const actions = actionsOf(statements);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        's3:ListBucket',
        's3:DeleteObject',
      ]),
    );
    expect(actions.filter((a) => a.startsWith('states:') || a === 'dynamodb:Scan')).toEqual([]);
    const bucket = stack.getLogicalId(stack.data.bucket.node.defaultChild as CfnResource);
    for (const r of resourcesFor(statements, 's3:')) expect(JSON.stringify(r)).toContain(bucket);
    const table = stack.getLogicalId(stack.data.table.node.defaultChild as CfnResource);
    for (const r of resourcesFor(statements, 'dynamodb:'))
      expect(referencedId(r) ?? JSON.stringify(r)).toContain(table);
  });

  it('settles a job only after its workflow has timed out and any step Lambda it started has too', () => {
    const spec = stateMachines.find((m) => m.id === 'render-document')!;
    const definition = JSON.parse(readFileSync(spec.file, 'utf8')) as { TimeoutSeconds?: number };
    expect(definition.TimeoutSeconds).toBeGreaterThan(0);
    const longestStep = Math.max(
      ...Object.values(spec.functions).map((id) => functions.find((f) => f.id === id)!.timeoutSeconds),
    );
    expect(RENDER_JOB_DEADLINE_DEFAULT_MS / 1000).toBeGreaterThan(definition.TimeoutSeconds! + longestStep);
  });
});
