import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';
import { functions, type FunctionId } from '#infra/catalog';

/** Gives each function the ARNs of, and the right to invoke, exactly the functions the catalog says it invokes. */
export function connectInvocations(functionById: (id: FunctionId) => LambdaFunction): void {
  for (const spec of functions) {
    const targets: readonly string[] = 'invokes' in spec ? spec.invokes : [];
    if (targets.length === 0) continue;
    const fn = functionById(spec.id);
    const arns: Record<string, string> = {};
    for (const id of targets) {
      const target = functionById(id as FunctionId);
      arns[id] = target.functionArn;
      // The unqualified ARN only (grantInvoke would add `<arn>:*`, every version and alias).
      fn.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.functionArn] }));
    }
    fn.addEnvironment('FUNCTION_ARNS', Stack.of(fn).toJsonString(arns));
  }
}
