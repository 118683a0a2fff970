import { readFileSync } from 'node:fs';
import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '#test/integration/sfn/harness';

// statemachines/render-document.asl.json as it ships, on the local runner, with task functions that
// only record what they get: an invoice with a pending e-invoice runs Chromium and the validation side
// by side and register gets one merged state; a validation that fails to run costs the e-invoice
// (recorded as invalid, rule UNCHECKED), not the invoice.

const definition = readFileSync('statemachines/render-document.asl.json', 'utf8');

describe('render-document: the e-invoice branch beside Chromium', () => {
  let h: Harness;
  let arn: string;
  const seen: Record<string, any[]> = {};
  const record = (name: string, v: any) => (seen[name] ??= []).push(v);

  beforeAll(async () => {
    h = await startHarness({
      'render-steps': async ({ step, state }: { step: string; state: any }) => {
        record(step, state);
        if (step === 'prepare') return { ...state, data: { big: 'x' } };
        if (step === 'numberAndRender') {
          const { data: _d, ...rest } = state;
          return {
            ...rest,
            rendered: { html: '<p>' },
            ...(state.einvoice
              ? { eInvoice: { status: 'pending', kind: 'Invoice', warnings: [] }, eInvoiceXml: '<Invoice/>' }
              : {}),
          };
        }
        return state;
      },
      'render-pdf': async ({ state }: { state: any }) => {
        record('pdf', state);
        const { rendered: _r, ...rest } = state;
        return { ...rest, stored: { size: 10, sha256: 'h' }, pages: 1 };
      },
      'render-einvoice': async ({ state }: { state: any }) => {
        record('einvoice', state);
        if (state.validator === 'crash') throw new Error('out of memory');
        return { eInvoice: { status: 'pending', kind: 'Invoice', warnings: [] } };
      },
    });
    arn = h.sfn.register({
      id: 'render-document',
      type: 'EXPRESS',
      definition,
      substitutions: {
        RenderStepsFunctionArn: h.sfn.functionArn('render-steps'),
        RenderPdfFunctionArn: h.sfn.functionArn('render-pdf'),
        RenderEInvoiceFunctionArn: h.sfn.functionArn('render-einvoice'),
      },
    });
  });
  afterAll(() => h.close());

  const run = async (input: object) => {
    for (const k of Object.keys(seen)) delete seen[k];
    return h.client.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }));
  };
  const base = { tenantId: 'ten_x', jobId: 'job_x', format: 'pdf' };

  it('validates beside Chromium and hands register one state: the PDF step output with the validation status over it', async () => {
    const out = await run({ ...base, einvoice: true });
    expect(out.status).toBe('SUCCEEDED');
    expect(seen.pdf).toHaveLength(1);
    expect(seen.einvoice).toHaveLength(1);
    expect(seen.einvoice![0].eInvoiceXml).toBe('<Invoice/>');
    const [registered] = seen.register!;
    expect(registered).toMatchObject({
      stored: { size: 10 },
      pages: 1,
      eInvoiceXml: '<Invoice/>',
      eInvoice: { status: 'pending', kind: 'Invoice' },
    });
    expect(registered.rendered).toBeUndefined();
    expect(seen.fail).toBeUndefined();
  });

  it('a validation that fails to run: the invoice is registered with eInvoice invalid, rule UNCHECKED', async () => {
    const out = await run({ ...base, einvoice: true, validator: 'crash' });
    expect(out.status).toBe('SUCCEEDED');
    expect(seen.register![0].eInvoice).toMatchObject({
      status: 'invalid',
      kind: 'Invoice',
      errors: [{ rule: 'UNCHECKED', path: '/' }],
    });
    expect(seen.fail).toBeUndefined();
  });

  it('no pending e-invoice: Chromium alone, no validation', async () => {
    const out = await run({ ...base });
    expect(out.status).toBe('SUCCEEDED');
    expect(seen.pdf).toHaveLength(1);
    expect(seen.einvoice).toBeUndefined();
    expect(seen.register![0].eInvoice).toBeUndefined();
  });
});
