import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { CommittedEvent } from '#core/webhooks/fan-out';
import { OUTBOX_PREFIX } from '#store/dynamo/keys';

/** `T#<tenant>#…`: every tenant key starts with its tenant id. */
const tenantOf = (pk: string): string | undefined => /^T#([^#]+)#/.exec(pk)?.[1];

/**
 * The outbox items among a stream batch: new `OUT#` items only (the event source mapping filters so
 * already; a record that slipped through otherwise is left alone, never guessed at), in stream order.
 */
export function committedEvents(event: DynamoDBStreamEvent): CommittedEvent[] {
  const out: CommittedEvent[] = [];
  for (const r of event.Records) {
    const image = r.dynamodb?.NewImage;
    if (r.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const tenantId = typeof item.pk === 'string' ? tenantOf(item.pk) : undefined;
    if (!tenantId || typeof item.sk !== 'string' || !item.sk.startsWith(OUTBOX_PREFIX) || !item.event) continue;
    out.push({ tenantId, location: item.pk as string, event: item.event as CommittedEvent['event'] });
  }
  return out;
}
