import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SEARCH_COMMIT_KEYS } from '#infra/search-commit-keys';

/** LanceDB's commit table (`s3+ddb://`) on DynamoDB Local, as the CDK stack declares it; kept if it exists. */
export async function ensureSearchCommitTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (e) {
    if ((e as Error).name !== 'ResourceNotFoundException') throw e;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: SEARCH_COMMIT_KEYS.partition, AttributeType: 'S' },
          { AttributeName: SEARCH_COMMIT_KEYS.sort, AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: SEARCH_COMMIT_KEYS.partition, KeyType: 'HASH' },
          { AttributeName: SEARCH_COMMIT_KEYS.sort, KeyType: 'RANGE' },
        ],
      }),
    );
  } finally {
    client.destroy();
  }
}
