import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#config';
import { failFast } from '#store/aws/client-options';
import { countRoundTrip } from '#store/aws/metrics';

let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  if (!client) {
    const { AWS_REGION, DYNAMODB_ENDPOINT } = config();
    const base = new DynamoDBClient({
      region: AWS_REGION,
      endpoint: DYNAMODB_ENDPOINT,
      // Single-item calls and transactions answer in milliseconds; 5 s without an answer is an outage.
      ...failFast(5000),
    });
    base.middlewareStack.add(
      (next, context) => async (args) => {
        // Asking for capacity costs nothing and lets benchmarks prove a page's cost is flat.
        const input = args.input as { ReturnConsumedCapacity?: string };
        if (
          !input.ReturnConsumedCapacity &&
          !context.commandName?.startsWith('Describe') &&
          !context.commandName?.endsWith('TableCommand')
        )
          input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        countRoundTrip(
          context.commandName ?? 'unknown',
          (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity,
        );
        return result;
      },
      { step: 'initialize', name: 'dossierRoundTrips' },
    );
    client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return client;
}

export const tableName = (): string => config().TABLE_NAME;

export function resetDocumentClient(): void {
  client = undefined;
}
