import { Stack, Validations } from 'aws-cdk-lib';

/**
 * S3 event notifications are applied by a CDK-owned singleton Lambda (BucketNotificationsHandler*).
 * Its role is CDK's, not ours; the finding below is about that helper only.
 */
export function acknowledgeBucketNotificationsHandler(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
    Validations.of(child).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's BucketNotificationsHandler custom resource ships with the basic execution managed policy; it only writes its own logs.",
    });
  }
}
