import type { DynamoDBStreamEvent } from 'aws-lambda';
import { fanOut } from '#core/webhooks/fan-out';
import { logger } from '#observability/logger';
import { committedEvents } from '#store/webhooks/stream-records';
import { fanOutDeps } from '#wiring/webhook-delivery';

// The table stream's consumer (a DynamoDB event source mapping on AWS, infra/local/streams.ts
// locally), given new OUT# items only. A failure fails the batch: the mapping hands it over again
// (halved on AWS), and what was already queued is not queued twice.
export async function handler(event: DynamoDBStreamEvent): Promise<{ events: number; queued: number }> {
  const committed = committedEvents(event);
  const { queued } = await fanOut(fanOutDeps, committed);
  if (queued) logger.info('webhook deliveries queued', { events: committed.length, queued });
  return { events: committed.length, queued };
}
