import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '#config';
import { failFast } from '#store/aws/client-options';

let client: SESv2Client | undefined;

/** SES v2; locally SES_ENDPOINT points it at the local SES service, nothing else changes. */
export function ses(): SESv2Client {
  if (!client) {
    const { AWS_REGION, SES_ENDPOINT } = config();
    client = new SESv2Client({
      region: AWS_REGION,
      ...failFast(10_000),
      ...(SES_ENDPOINT ? { endpoint: SES_ENDPOINT } : {}),
    });
  }
  return client;
}

/** Tests point the client elsewhere between runs. */
export function resetSes(): void {
  client = undefined;
}
