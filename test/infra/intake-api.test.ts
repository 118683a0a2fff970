import { App, CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DossierStack } from '#infra/dossier-stack';
import { resources } from '#test/infra/template-queries';

// API Gateway answers preflights itself, and overrides a function's CORS headers, on an API with
// `corsPreflight`: intake must live on an API without it to answer each form's origins.
let stack: DossierStack;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new DossierStack(app, 'Dossier', { corsOrigins: ['*'] });
  template = Template.fromStack(stack);
});

const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnResource);

describe('form intake on AWS', () => {
  it('serves intake routes (POST, OPTIONS, ANY) from an API without CORS configuration, and nothing else there', () => {
    const apis = resources(template, 'AWS::ApiGatewayV2::Api');
    const intakeApiId = logicalId(stack.http.ownCorsApi!);
    expect(apis[intakeApiId].Properties.CorsConfiguration).toBeUndefined();
    expect(apis[logicalId(stack.http.api)].Properties.CorsConfiguration).toBeDefined();
    const routes = Object.values(resources(template, 'AWS::ApiGatewayV2::Route'));
    const onIntake = routes.filter((r) => r.Properties.ApiId.Ref === intakeApiId).map((r) => r.Properties.RouteKey);
    expect(onIntake.sort()).toEqual([
      'ANY /v1/intake/{tenantId}/{formId}',
      'OPTIONS /v1/intake/{tenantId}/{formId}',
      'POST /v1/intake/{tenantId}/{formId}',
    ]);
  });

  it('throttles and logs the intake stage like the main one', () => {
    const stages = Object.values(resources(template, 'AWS::ApiGatewayV2::Stage'));
    const intake = stages.find((s) => s.Properties.ApiId.Ref === logicalId(stack.http.ownCorsApi!))!;
    expect(intake.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number) });
    expect(intake.Properties.AccessLogSettings).toBeDefined();
  });

  it("gives the intake function the intake API's URL for the forms' intakeUrl", () => {
    const fn = resources(template, 'AWS::Lambda::Function')[logicalId(stack.functions.get('intake-api'))];
    expect(JSON.stringify(fn.Properties.Environment.Variables.INTAKE_BASE_URL)).toContain(
      logicalId(stack.http.ownCorsApi!),
    );
  });
});
