import type { Template } from 'aws-cdk-lib/assertions';

// Small readers over a synthesized template, so the assertions read as statements about IAM.

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

export const asList = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

export function resources(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** Every policy statement attached to the role with this logical id. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((p) => asList(p.Properties.Roles).some((r: any) => r?.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export function allStatements(template: Template): Statement[] {
  return Object.values(resources(template, 'AWS::IAM::Policy')).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as Statement[],
  );
}

export const actionsOf = (statements: Statement[]): string[] => statements.flatMap((s) => asList(s.Action));

/** The resources of the statements that allow any of these actions. */
export function resourcesFor(statements: Statement[], prefix: string): unknown[] {
  return statements
    .filter((s) => asList(s.Action).some((a) => a.startsWith(prefix)))
    .flatMap((s) => asList(s.Resource));
}

/** Logical id behind `{ Ref: X }` or `{ Fn::GetAtt: [X, ...] }`. */
export function referencedId(value: any): string | undefined {
  return value?.Ref ?? value?.['Fn::GetAtt']?.[0];
}

/** The logical id of the function an API Gateway route's integration points at. */
export function functionOfRoute(template: Template, route: { Properties: Record<string, any> }): string | undefined {
  const target = route.Properties.Target?.['Fn::Join']?.[1] as unknown[] | undefined;
  const integrationId = referencedId(target?.find((p) => typeof p === 'object'));
  const integration = integrationId ? resources(template, 'AWS::ApiGatewayV2::Integration')[integrationId] : undefined;
  return referencedId(integration?.Properties.IntegrationUri);
}
