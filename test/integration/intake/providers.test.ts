import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import {
  expectRefused,
  leadsWithEmail,
  newForm,
  submissions,
  tallyHeader,
  typeformHeader,
  uniqueEmail,
} from './helpers';

let tenant: TestTenant;

function typeformPayload(eventId: string, email: string) {
  return {
    event_id: eventId,
    event_type: 'form_response',
    form_response: {
      form_id: 'lT4Z3j',
      token: 'a3a12ec67a1365927098a606107fac15',
      submitted_at: new Date().toISOString(),
      hidden: { utm_source: 'newsletter', utm_campaign: 'spring' },
      definition: { id: 'lT4Z3j', title: 'Contact', fields: [] },
      answers: [
        { type: 'text', text: 'Ada Lovelace', field: { id: 'f1', type: 'short_text', ref: 'full_name' } },
        { type: 'email', email, field: { id: 'f2', type: 'email', ref: 'work_email' } },
        { type: 'choice', choice: { label: 'Enterprise' }, field: { id: 'f3', type: 'multiple_choice', ref: 'plan' } },
      ],
    },
  };
}

function tallyPayload(eventId: string, email: string) {
  return {
    eventId,
    eventType: 'FORM_RESPONSE',
    createdAt: new Date().toISOString(),
    data: {
      responseId: 'r1',
      formId: 'w2X1',
      formName: 'Contact',
      fields: [
        { key: 'question_1', label: 'Your name', type: 'INPUT_TEXT', value: 'Grace Hopper' },
        { key: 'question_2', label: 'Email', type: 'INPUT_EMAIL', value: email },
        {
          key: 'question_3',
          label: 'Interest',
          type: 'MULTIPLE_CHOICE',
          value: ['opt-b'],
          options: [
            { id: 'opt-a', text: 'Basic' },
            { id: 'opt-b', text: 'Premium' },
          ],
        },
      ],
    },
  };
}

describe('Typeform and Tally webhooks', async () => {
  tenant = await newTenant('Intake providers');
  await call('POST', '/v1/fields/lead', {
    key: tenant.ownerKey,
    body: { name: 'plan', label: 'Plan', type: 'string' },
  });

  it('Typeform: answers by ref and hidden UTM tags make the lead; event_id replays the first result', async () => {
    const form = await newForm(tenant, {
      provider: 'typeform',
      mapping: { full_name: 'name', work_email: 'email', plan: 'plan' },
    });
    const email = uniqueEmail();
    const body = JSON.stringify(typeformPayload('01HTYPEFORMEVENT1', email));
    const post = () =>
      call('POST', form.intakePath, {
        rawBody: body,
        headers: { 'content-type': 'application/json', ...typeformHeader(form.secret, body) },
      });
    const first = expectStatus(await post(), 201);
    const lead = expectStatus(await call('GET', `/v1/leads/${first.body.leadId}`, { key: tenant.ownerKey }), 200).body;
    expect(lead).toMatchObject({
      name: 'Ada Lovelace',
      email,
      utm: { utm_source: 'newsletter', utm_campaign: 'spring' },
      customFields: { plan: 'Enterprise' },
    });
    expect((await post()).body).toEqual(first.body);
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
    const [logged] = await submissions(tenant, form);
    expect(logged).toMatchObject({ eventId: '01HTYPEFORMEVENT1', status: 'accepted' });
  });

  it('Typeform: a bad Typeform-Signature is 401', async () => {
    const form = await newForm(tenant, { provider: 'typeform', mapping: { work_email: 'email' } });
    const email = uniqueEmail();
    const body = JSON.stringify(typeformPayload('01HTYPEFORMBAD', email));
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: { 'content-type': 'application/json', ...typeformHeader(form.secret, body + ' ') },
    });
    await expectRefused(tenant, form, res, 401, email);
  });

  it('Tally: fields by key or label, choices as their option text; eventId replays the first result', async () => {
    const form = await newForm(tenant, {
      provider: 'tally',
      mapping: { 'Your name': 'name', question_2: 'email', Interest: 'comments' },
    });
    const email = uniqueEmail();
    const body = JSON.stringify(tallyPayload('tally-evt-1', email));
    const post = () =>
      call('POST', form.intakePath, {
        rawBody: body,
        headers: { 'content-type': 'application/json', ...tallyHeader(form.secret, body) },
      });
    const first = expectStatus(await post(), 201);
    const lead = expectStatus(await call('GET', `/v1/leads/${first.body.leadId}`, { key: tenant.ownerKey }), 200).body;
    expect(lead).toMatchObject({ name: 'Grace Hopper', email, comments: 'Premium', title: 'Contact: Grace Hopper' });
    expect((await post()).body).toEqual(first.body);
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
  });

  it('Tally: a missing Tally-Signature is 401', async () => {
    const form = await newForm(tenant, { provider: 'tally', mapping: { question_2: 'email' } });
    const email = uniqueEmail();
    const res = await call('POST', form.intakePath, { body: tallyPayload('tally-evt-2', email) });
    await expectRefused(tenant, form, res, 401, email);
  });

  it('Tally: a payload without data.fields is 400', async () => {
    const form = await newForm(tenant, { provider: 'tally' });
    const body = JSON.stringify({ eventId: 'x', data: {} });
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: { 'content-type': 'application/json', ...tallyHeader(form.secret, body) },
    });
    await expectRefused(tenant, form, res, 400);
  });
});
