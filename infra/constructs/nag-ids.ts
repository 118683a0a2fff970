import { Stack, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** How cdk-nag spells `Fn::GetAtt [<resource>, Arn]` inside a finding id, e.g. `<DataTableFDBAD0F2.Arn>`. */
export function nagArn(resource: IConstruct): string {
  const cfn = resource.node.defaultChild as CfnResource;
  return `<${Stack.of(resource).getLogicalId(cfn)}.Arn>`;
}
