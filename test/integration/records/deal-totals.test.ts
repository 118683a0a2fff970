import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, tableName } from '#store/dynamo/client';
import { META, recordPk } from '#store/dynamo/keys';
import { newTenant } from '../api-client';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';
import { create, getRecord, patchRecord } from './helpers';
import { expectStatus } from '#test/support/http-client';

// Issue 21: one rule for a deal's totals and a document's, applied on every read.

useLocalRuntimeFromThisProcess();

describe('deal totals', () => {
  it('computes VAT per rate on the rate net: 10 lines of 0.07 at 22 % are 0.15 VAT', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', {
      title: 'Pens',
      currency: 'EUR',
      lineItems: Array.from({ length: 10 }, (_, i) => ({
        name: `Pen ${i}`,
        quantity: 1,
        unitPrice: 0.07,
        taxRate: 22,
      })),
    });
    expect(deal.totals).toEqual({
      net: 0.7,
      tax: 0.15,
      gross: 0.85,
      taxes: [{ category: 'S', rate: 22, net: 0.7, tax: 0.15 }],
    });
  });

  it('accepts credit lines and reverse-charge lines with their reason, and totals them exactly', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', {
      title: 'Correction',
      currency: 'EUR',
      paymentTermDays: 30,
      lineItems: [
        { name: 'Service', quantity: 2, unitPrice: 150, taxRate: 22 },
        { name: 'Refund', quantity: 1, unitPrice: -45.5, taxRate: 22 },
        { name: 'Food', quantity: 3, unitPrice: 10, taxRate: 9 },
        {
          name: 'EU service',
          quantity: 1,
          unitPrice: 1000,
          taxCategory: 'AE',
          taxExemptionReason: 'Reverse charge (VAT Directive art. 196)',
        },
      ],
    });
    expect(deal.paymentTermDays).toBe(30);
    expect(deal.lineItems[1]).toMatchObject({ unitPrice: -45.5, taxCategory: 'S' });
    expect(deal.lineItems[3]).toMatchObject({
      taxCategory: 'AE',
      taxRate: 0,
      taxExemptionReason: 'Reverse charge (VAT Directive art. 196)',
    });
    expect(deal.totals).toEqual({
      net: 1284.5,
      tax: 58.69,
      gross: 1343.19,
      taxes: [
        { category: 'S', rate: 22, net: 254.5, tax: 55.99 },
        { category: 'S', rate: 9, net: 30, tax: 2.7 },
        { category: 'AE', rate: 0, net: 1000, tax: 0 },
      ],
    });
  });

  it('ignores the totals stored with a deal: a read computes them from the lines', async () => {
    const t = await newTenant();
    const deal = await create(t, 'deal', {
      title: 'Old',
      currency: 'EUR',
      lineItems: [{ name: 'a', quantity: 10, unitPrice: 0.07, taxRate: 22 }],
    });
    // As an older rule stored them (VAT rounded per line), with no breakdown.
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: recordPk(t.id, 'deal', deal.id), sk: META },
        UpdateExpression: 'SET #r.#f.#t = :t',
        ExpressionAttributeNames: { '#r': 'record', '#f': 'fields', '#t': 'totals' },
        ExpressionAttributeValues: { ':t': { net: 0.7, tax: 0.2, gross: 0.9 } },
      }),
    );
    const read = expectStatus(await getRecord(t, 'deal', deal.id), 200).body;
    expect(read.totals).toEqual(deal.totals);
    expect(read.totals.tax).toBe(0.15);
    const patched = expectStatus(await patchRecord(t, 'deal', deal.id, { title: 'Renamed' }), 200).body;
    expect(patched.totals).toEqual(deal.totals);
  });
});
