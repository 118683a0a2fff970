import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { scheduledFunctions, type FunctionId } from '#infra/catalog';
import { nagArn } from '#infra/constructs/nag-ids';

/**
 * One EventBridge Scheduler schedule per catalog function of kind 'schedule'. No retries: the
 * next run comes within a minute and does the same work, so a retried run would only overlap it.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: { functionById: (id: FunctionId) => NodejsFunction }) {
    super(scope, id);
    for (const spec of scheduledFunctions) {
      const fn = props.functionById(spec.id);
      // An own role per schedule (not the stack-wide one CDK shares), so its one grant is this function.
      const role = new Role(this, `${spec.id}-role`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
        description: `EventBridge Scheduler invokes Dossier ${spec.id}`,
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagArn(fn)}:*]`,
        reason:
          'Function.grantInvoke adds <function ARN>:* for the qualified ARNs (versions, aliases) of this one function; it names no other function.',
      });
      new Schedule(this, spec.id, {
        description: `Dossier ${spec.id}: ${spec.description}`,
        schedule: ScheduleExpression.rate(Duration.minutes(spec.everyMinutes)),
        target: new LambdaInvoke(fn, { role, retryAttempts: 0, maxEventAge: Duration.minutes(1) }),
      });
    }
  }
}
