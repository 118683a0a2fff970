import type { FunctionId } from '#infra/catalog';
import { readFileSync } from 'node:fs';
import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { functions, stateMachines, type StateMachineSpec } from '#infra/catalog';
import { fromRoot } from '#infra/constructs/project';

/**
 * Gives each function the ARNs of, and the right to start, exactly the machines the catalog lists for it,
 * and the right to resume the task tokens of those it only resumes.
 */
export function connectMachines(
  functionById: (id: FunctionId) => LambdaFunction,
  machines: Map<string, IStateMachine>,
  startArns: Map<string, string> = new Map(),
): void {
  for (const spec of functions) {
    const fn = functionById(spec.id);
    const arns: Record<string, string> = {};
    for (const machineId of spec.startsMachines) {
      const machine = machines.get(machineId);
      const machineSpec = stateMachines.find((m) => m.id === machineId);
      if (!machine || !machineSpec)
        throw new Error(`Function "${spec.id}" starts unknown state machine "${machineId}"`);
      const startArn = startArns.get(machineId) ?? machine.stateMachineArn;
      arns[machineId] = startArn;
      machine.grantStartExecution(fn);
      // Through an alias: StartExecution is authorised on the alias ARN.
      if (startArn !== machine.stateMachineArn)
        fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [startArn] }));
      if (machineSpec.type === 'EXPRESS') machine.grantStartSyncExecution(fn);
      // GET /health asks whether each machine it may start still exists.
      machine.grant(fn, 'states:DescribeStateMachine');
      // The catalog's "start or call back into": callbacks only where the machine waits for a token.
      if (usesTaskTokens(machineSpec)) {
        machine.grantTaskResponse(fn);
        // Resuming a lost execution asks whether it still runs; voiding stops it.
        machine.grantExecution(fn, 'states:DescribeExecution', 'states:StopExecution');
        acknowledgeExecutions(fn, machine);
      }
    }
    // Resuming a task token names no machine (the token does): SendTaskSuccess/Failure/Heartbeat only.
    const resumes: readonly string[] = 'resumesMachines' in spec ? spec.resumesMachines : [];
    for (const machineId of resumes) {
      const machine = machines.get(machineId);
      const machineSpec = stateMachines.find((m) => m.id === machineId);
      if (!machine || !machineSpec)
        throw new Error(`Function "${spec.id}" resumes unknown state machine "${machineId}"`);
      if (!usesTaskTokens(machineSpec))
        throw new Error(`Function "${spec.id}" resumes "${machineId}", which waits for no task token`);
      machine.grantTaskResponse(fn);
    }
    fn.addEnvironment('STATE_MACHINE_ARNS', Stack.of(fn).toJsonString(arns));
  }
}

const usesTaskTokens = (machine: StateMachineSpec): boolean =>
  readFileSync(fromRoot(machine.file), 'utf8').includes('.waitForTaskToken');

/** Executions are named at run time (one per approval): the grant spans this machine's executions, no others. */
function acknowledgeExecutions(fn: LambdaFunction, machine: IStateMachine): void {
  const logicalId = Stack.of(machine).getLogicalId(machine.node.defaultChild as CfnResource);
  const name = JSON.stringify({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: logicalId }] }] });
  Validations.of(fn.role!).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}:*]`,
    reason: 'Executions are named at run time (one per approval); the wildcard spans only this machine.',
  });
}
