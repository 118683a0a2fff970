import type { FunctionId } from '#infra/catalog';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CfnStateMachineAlias,
  CfnStateMachineVersion,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { stateMachines, type StateMachineSpec } from '#infra/catalog';
import { fromRoot } from '#infra/constructs/project';

export interface StateMachinesProps {
  functionById: (id: FunctionId) => IFunction;
}

/** One state machine per catalog entry, from its ASL file, allowed to invoke exactly its task functions. */
export class StateMachines extends Construct {
  readonly byId = new Map<string, StateMachine>();
  /** The ARN functions start executions with: the alias for machines that have one, else the machine. */
  readonly startArnById = new Map<string, string>();

  constructor(scope: Construct, id: string, props: StateMachinesProps) {
    super(scope, id);
    for (const spec of stateMachines) {
      const machine = this.create(spec, props);
      this.byId.set(spec.id, machine);
      this.startArnById.set(spec.id, 'alias' in spec && spec.alias ? this.alias(machine) : machine.stateMachineArn);
    }
  }

  /**
   * A version per definition revision and an alias on it: executions started through the alias
   * run the version current at their start, whatever a later deploy publishes. Old versions are
   * retained, so a deploy never deletes the definition a running approval uses.
   */
  private alias(machine: StateMachine): string {
    const scope = machine.node.scope as Construct;
    const version = new CfnStateMachineVersion(scope, 'Version', {
      stateMachineArn: machine.stateMachineArn,
      stateMachineRevisionId: machine.stateMachineRevisionId,
    });
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const alias = new CfnStateMachineAlias(scope, 'Alias', {
      name: 'live',
      routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }],
    });
    return alias.attrArn;
  }

  private create(spec: StateMachineSpec, props: StateMachinesProps): StateMachine {
    const scope = new Construct(this, spec.id);
    // The vendedlogs prefix keeps CloudWatch's log resource policy from growing with every machine.
    const logGroup = new LogGroup(scope, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${spec.id}`,
      retention: RetentionDays.ONE_MONTH,
    });
    const tasks = Object.entries(spec.functions).map(([key, fnId]) => [key, props.functionById(fnId)] as const);
    const machine = new StateMachine(scope, 'StateMachine', {
      definitionBody: DefinitionBody.fromFile(fromRoot(spec.file)),
      definitionSubstitutions: Object.fromEntries(tasks.map(([key, fn]) => [key, fn.functionArn])),
      stateMachineType: spec.type === 'EXPRESS' ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
      // Execution data stays out of the logs: it carries tenant records and document metadata.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    // Unqualified ARNs only (Lambda.grantInvoke would add `<arn>:*` for every version and alias).
    machine.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: tasks.map(([, fn]) => fn.functionArn) }),
    );
    Validations.of(machine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery (logs:*LogDelivery*, DescribeLogGroups, resource policies) and X-Ray tracing support no resource-level permissions; CDK adds them for logging and tracing.',
    });
    return machine;
  }
}
