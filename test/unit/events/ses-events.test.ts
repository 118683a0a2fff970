import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toDeliveryEvent } from '#events/ses-events';

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/ses/${name}.json`, 'utf8')).detail;

describe('SES events as Dossier keeps them', () => {
  it('reads a permanent bounce with its recipients, diagnostics and the send tags', () => {
    expect(toDeliveryEvent(fixture('bounce'))).toEqual({
      type: 'bounced',
      at: '2026-11-28T09:00:02.669Z',
      tags: { tenantId: 'TENANT_ID', documentId: 'DOCUMENT_ID', sendId: 'SEND_ID' },
      recipients: [{ email: 'RECIPIENT', detail: 'smtp; 550 5.1.1 user unknown' }],
      permanent: true,
    });
  });

  it('reads deliveries and complaints, and a transient bounce as not permanent', () => {
    expect(toDeliveryEvent(fixture('delivery'))).toMatchObject({
      type: 'delivered',
      recipients: [{ email: 'RECIPIENT' }],
    });
    expect(toDeliveryEvent(fixture('complaint'))).toMatchObject({ type: 'complained', permanent: true });
    const soft = fixture('bounce');
    soft.bounce.bounceType = 'Transient';
    expect(toDeliveryEvent(soft)).toMatchObject({ type: 'bounced', permanent: false });
  });

  it('ignores what it does not track or cannot read', () => {
    expect(toDeliveryEvent({ ...fixture('delivery'), eventType: 'Open' })).toBeUndefined();
    expect(toDeliveryEvent({ eventType: 'Bounce' })).toBeUndefined();
    expect(toDeliveryEvent(null)).toBeUndefined();
  });
});
