import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { streamFunctionIds, webhookFanOutFilter, type FunctionId } from '#infra/catalog';

/**
 * Each catalog function of kind 'stream' reads the table's stream through an event source mapping
 * (decision 0013): only new OUT# items (the filter is evaluated by Lambda, so other writes cost no
 * invocation), batches of 100 in commit order per shard. A failed batch is halved until the failing
 * record stands alone (bisectBatchOnError) and retried 10 times; a record still failing then has its
 * shard position sent to a dead-letter queue, so one poisoned event cannot stop the shard for the
 * stream's 24 h and lose everything behind it. Its event is still in the table (30 days) to replay.
 */
export class StreamConsumers extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { table: ITable; functionById: (id: FunctionId) => NodejsFunction },
  ) {
    super(scope, id);
    for (const fnId of streamFunctionIds) {
      const deadLetters = new Queue(this, `${fnId}-dead-letters`, {
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          "This queue is itself the on-failure destination of a stream's event source mapping; it has nowhere further to redrive to.",
      });
      props.functionById(fnId).addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          // Commit to first attempt stays well under a second: Lambda waits no longer to fill a batch.
          maxBatchingWindow: Duration.seconds(0),
          bisectBatchOnError: true,
          retryAttempts: 10,
          parallelizationFactor: 1,
          onFailure: new SqsDlq(deadLetters),
          filters: [FilterCriteria.filter(webhookFanOutFilter as unknown as Record<string, unknown>)],
        }),
      );
    }
  }
}
