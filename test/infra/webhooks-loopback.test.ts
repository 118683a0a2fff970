import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DossierStack } from '#infra/dossier-stack';
import { resources } from '#test/infra/template-queries';

// WEBHOOKS_ALLOW_LOOPBACK_HTTP opens http:// loopback receivers; only the local runtime may set it.
// On AWS a subscription to http://127.0.0.1 would reach the Lambda's own sandbox.

describe('webhook address rules on AWS', () => {
  it('gives no function the local loopback flag', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const template = Template.fromStack(new DossierStack(app, 'Dossier', { corsOrigins: ['*'] }));
    const functions = Object.entries(resources(template, 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(10);
    for (const [id, fn] of functions)
      expect(Object.keys(fn.Properties.Environment?.Variables ?? {}), id).not.toContain('WEBHOOKS_ALLOW_LOOPBACK_HTTP');
  });
});
