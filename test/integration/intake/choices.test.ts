import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { newForm, postSigned, submissions, tallyHeader, typeformHeader, uniqueEmail, type TestForm } from './helpers';

// List fields at intake: answers name options by label (any case) or id, a mapping entry may
// translate answers, and an answer no option takes never loses the lead.

const ORIGIN = 'https://www.example.com';

async function listField(tenant: TestTenant, name: string, labels: string[], extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/fields/lead', {
    key: tenant.ownerKey,
    body: {
      name,
      label: name[0].toUpperCase() + name.slice(1),
      type: 'list',
      options: labels.map((label) => ({ label })),
      ...extra,
    },
  });
  return expectStatus(res, 201, `creating list field ${name}`).body as {
    options: Array<{ id: string; label: string }>;
  };
}

const lead = async (tenant: TestTenant, id: string) =>
  expectStatus(await call('GET', `/v1/leads/${id}`, { key: tenant.ownerKey }), 200).body;
const timeline = async (tenant: TestTenant, id: string): Promise<any[]> =>
  expectStatus(await call('GET', `/v1/leads/${id}/timeline`, { key: tenant.ownerKey }), 200).body.items;

async function signedAs(form: TestForm, provider: 'typeform' | 'tally', payload: unknown) {
  const body = JSON.stringify(payload);
  const sign = provider === 'typeform' ? typeformHeader : tallyHeader;
  return call('POST', form.intakePath, {
    rawBody: body,
    headers: { 'content-type': 'application/json', ...sign(form.secret, body) },
  });
}

describe('list fields at intake', async () => {
  const tenant = await newTenant('Intake choices');
  const plan = await listField(tenant, 'plan', ['Basic', 'Pro']);
  const interests = await listField(tenant, 'interests', ['Boats', 'Trains'], { multiple: true });
  const [basic, pro] = plan.options;
  const [boats, trains] = interests.options;

  it('takes list answers from a web form by label in any case, or by id', async () => {
    const form = await newForm(tenant, { allowedOrigins: [ORIGIN] });
    const res = await call('POST', form.intakePath, {
      rawBody: `email=${encodeURIComponent(uniqueEmail())}&plan=pRO&interests=boats&interests=${trains.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });
    const made = await lead(tenant, expectStatus(res, 201).body.leadId);
    expect(made.customFields.plan).toEqual(pro);
    expect(made.customFields.interests).toEqual(expect.arrayContaining([boats, trains]));
    const [logged] = await submissions(tenant, form);
    expect(logged.status).toBe('accepted');
    expect(logged.warnings).toBeUndefined();
  });

  it('translates answers through a mapping entry with values, then matches labels', async () => {
    const form = await newForm(tenant, {
      mapping: {
        your_email: 'email',
        plan_choice: { field: 'plan', values: { 'Pro plan': 'Pro', Starter: basic.id } },
      },
    });
    expect(expectStatus(await call('GET', `/v1/forms/${form.id}`, { key: tenant.ownerKey }), 200).body.mapping).toEqual(
      { your_email: 'email', plan_choice: { field: 'plan', values: { 'Pro plan': pro.id, Starter: basic.id } } },
    );
    const first = expectStatus(await postSigned(form, { your_email: uniqueEmail(), plan_choice: 'pro PLAN' }), 201);
    expect((await lead(tenant, first.body.leadId)).customFields.plan).toEqual(pro);
    const second = expectStatus(await postSigned(form, { your_email: uniqueEmail(), plan_choice: 'Starter' }), 201);
    expect((await lead(tenant, second.body.leadId)).customFields.plan).toEqual(basic);
    // An answer the values do not name passes as sent, and still matches a label.
    const third = expectStatus(await postSigned(form, { your_email: uniqueEmail(), plan_choice: 'basic' }), 201);
    expect((await lead(tenant, third.body.leadId)).customFields.plan).toEqual(basic);
  });

  it("stores a form's list values as option ids, so an option renamed later keeps them", async () => {
    const own = await newTenant('Intake renamed option');
    const size = await listField(own, 'size', ['Small', 'Large']);
    const [small, large] = size.options;
    const form = await newForm(own, {
      mapping: { your_email: 'email', how_big: { field: 'size', values: { big: 'large' } } },
      fixedValues: { size: 'small' },
    });
    expect(form.body.mapping.how_big.values).toEqual({ big: large.id });
    expect(form.body.fixedValues).toEqual({ size: small.id });
    const renamed = await call('PATCH', '/v1/fields/lead/size', {
      key: own.ownerKey,
      body: {
        options: [
          { id: small.id, label: 'S' },
          { id: large.id, label: 'L' },
        ],
      },
    });
    expectStatus(renamed, 200);
    // Fixed values win over submitted ones: the lead is small, and nothing was left out.
    const res = expectStatus(await postSigned(form, { your_email: uniqueEmail(), how_big: 'big' }), 201);
    expect((await lead(own, res.body.leadId)).customFields.size).toEqual({ id: small.id, label: 'S' });
    expect((await submissions(own, form))[0].warnings).toBeUndefined();
    const patched = await call('PATCH', `/v1/forms/${form.id}`, { key: own.ownerKey, body: { fixedValues: {} } });
    expectStatus(patched, 200);
    const big = expectStatus(await postSigned(form, { your_email: uniqueEmail(), how_big: 'BIG' }), 201);
    expect((await lead(own, big.body.leadId)).customFields.size).toEqual({ id: large.id, label: 'L' });
  });

  it('refuses a form whose mapping translates into no option of a list field, or names no field', async () => {
    const res = await call('POST', '/v1/forms', {
      key: tenant.ownerKey,
      body: {
        name: 'Bad values',
        provider: 'standard',
        mapping: { plan_choice: { field: 'plan', values: { Gold: 'Gold' } }, other: { field: 'nothing_here' } },
      },
    });
    expectStatus(res, 400);
    const paths = res.body.errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.mapping.plan_choice.values.Gold', 'body.mapping.other']));
    const message = res.body.errors.find((e: any) => e.path === 'body.mapping.plan_choice.values.Gold').message;
    expect(message).toContain(`Basic (${basic.id})`);
  });

  it('keeps an unknown choice on the timeline and in warnings, and still creates the lead', async () => {
    const form = await newForm(tenant, { mapping: { your_email: 'email', your_plan: 'plan' } });
    const email = uniqueEmail();
    const res = expectStatus(
      await postSigned(form, { your_email: email, your_plan: 'Platinum', interests: ['Boats', 'Kites'] }),
      201,
    );
    const made = await lead(tenant, res.body.leadId);
    expect(made.email).toBe(email);
    expect(made.customFields.plan).toBeUndefined();
    expect(made.customFields.interests).toEqual([boats]);
    const [unmapped] = (await timeline(tenant, made.id)).filter((e) => e.type === 'intake_unmapped');
    expect(unmapped).toMatchObject({
      actor: { system: 'intake', ref: res.body.submissionId },
      changes: [
        { field: 'plan', from: null, to: 'Platinum' },
        { field: 'interests', from: null, to: 'Kites' },
      ],
    });
    const [logged] = await submissions(tenant, form);
    expect(logged.warnings).toEqual([
      { path: 'your_plan', field: 'plan', answer: 'Platinum', message: expect.stringContaining(`Pro (${pro.id})`) },
      { path: 'interests', field: 'interests', answer: 'Kites', message: expect.stringContaining('Kites') },
    ]);
    // The sender's server is told too; a browser is told nothing more than `accepted`.
    expect(res.body.warnings).toEqual(logged.warnings);
    const browserForm = await newForm(tenant, { allowedOrigins: [ORIGIN] });
    const browser = await call('POST', browserForm.intakePath, {
      rawBody: `email=${encodeURIComponent(uniqueEmail())}&plan=Platinum`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });
    expect(expectStatus(browser, 201).body).toEqual({
      submissionId: expect.any(String),
      leadId: expect.any(String),
      status: 'accepted',
    });
    expect((await submissions(tenant, browserForm))[0].warnings).toHaveLength(1);
  });

  it('creates the lead without a required list field whose answer is unknown', async () => {
    const own = await newTenant('Intake required choice');
    await listField(own, 'budget', ['Small', 'Large'], { required: true });
    const form = await newForm(own, { mapping: { your_email: 'email' } });
    const res = expectStatus(await postSigned(form, { your_email: uniqueEmail(), budget: 'Huge' }), 201);
    const made = await lead(own, res.body.leadId);
    expect(made.customFields.budget).toBeUndefined();
    expect((await timeline(own, made.id)).find((e) => e.type === 'intake_unmapped').changes).toEqual([
      { field: 'budget', from: null, to: 'Huge' },
    ]);
    // Without any answer the field is still required: that is a refusal, not a drift of options.
    expectStatus(await postSigned(form, { your_email: uniqueEmail() }), 400);
  });

  it('keeps the unknown answer of a quarantined submission until it is released, then on the lead', async () => {
    const own = await newTenant('Intake quarantined choice');
    await listField(own, 'budget', ['Small', 'Large'], { required: true });
    const form = await newForm(own, { mapping: { your_email: 'email' } });
    const links = 'see http://a.example http://b.example www.c.example';
    const res = expectStatus(
      await postSigned(form, { your_email: uniqueEmail(), budget: 'Huge', comments: links }),
      202,
    );
    const [spam] = await submissions(own, form, 'spam');
    expect(spam.warnings).toMatchObject([{ path: 'budget', field: 'budget', answer: 'Huge' }]);
    const released = await call('POST', `/v1/forms/${form.id}/submissions/${res.body.submissionId}/release`, {
      key: own.ownerKey,
    });
    const made = await lead(own, expectStatus(released, 200).body.leadId);
    expect(made.customFields.budget).toBeUndefined();
    expect((await timeline(own, made.id)).find((e) => e.type === 'intake_unmapped').changes).toEqual([
      { field: 'budget', from: null, to: 'Huge' },
    ]);
  });

  it('treats a label that matches options differing only in case as unknown, naming both', async () => {
    const own = await newTenant('Intake ambiguous choice');
    const tier = await listField(own, 'tier', ['Gold', 'GOLD']);
    const form = await newForm(own, { mapping: { your_email: 'email' } });
    const res = expectStatus(await postSigned(form, { your_email: uniqueEmail(), tier: 'gold' }), 201);
    expect((await lead(own, res.body.leadId)).customFields.tier).toBeUndefined();
    const [logged] = await submissions(own, form);
    expect(logged.warnings[0].message).toContain(`Gold (${tier.options[0].id})`);
    expect(logged.warnings[0].message).toContain(`GOLD (${tier.options[1].id})`);
  });

  it("Typeform: choices by their labels; an 'other' answer is kept on the timeline", async () => {
    const form = await newForm(tenant, { provider: 'typeform', mapping: { work_email: 'email', plan: 'plan' } });
    const payload = (eventId: string, email: string, other?: string) => ({
      event_id: eventId,
      event_type: 'form_response',
      form_response: {
        answers: [
          { type: 'email', email, field: { ref: 'work_email', type: 'email' } },
          {
            type: 'choice',
            choice: other ? { other } : { label: 'PRO' },
            field: { ref: 'plan', type: 'multiple_choice' },
          },
          {
            type: 'choices',
            choices: { labels: ['Trains', 'boats'] },
            field: { ref: 'interests', type: 'multiple_choice' },
          },
        ],
      },
    });
    const res = expectStatus(await signedAs(form, 'typeform', payload(`tf-${Date.now()}`, uniqueEmail())), 201);
    const made = await lead(tenant, res.body.leadId);
    expect(made.customFields.plan).toEqual(pro);
    expect(made.customFields.interests).toEqual(expect.arrayContaining([boats, trains]));
    const other = expectStatus(
      await signedAs(form, 'typeform', payload(`tf-other-${Date.now()}`, uniqueEmail(), 'Something else')),
      201,
    );
    const timelineOf = await timeline(tenant, other.body.leadId);
    expect(timelineOf.find((e) => e.type === 'intake_unmapped').changes).toEqual([
      { field: 'plan', from: null, to: 'Something else' },
    ]);
  });

  it('Tally: choices sent as Tally option ids become their text, matched to labels', async () => {
    const form = await newForm(tenant, { provider: 'tally', mapping: { Email: 'email', 'Which plan?': 'plan' } });
    const res = expectStatus(
      await signedAs(form, 'tally', {
        eventId: `tally-${Date.now()}`,
        eventType: 'FORM_RESPONSE',
        data: {
          fields: [
            { key: 'question_1', label: 'Email', type: 'INPUT_EMAIL', value: uniqueEmail() },
            {
              key: 'question_2',
              label: 'Which plan?',
              type: 'DROPDOWN',
              value: ['t-2'],
              options: [
                { id: 't-1', text: 'basic' },
                { id: 't-2', text: 'Pro' },
              ],
            },
          ],
        },
      }),
      201,
    );
    expect((await lead(tenant, res.body.leadId)).customFields.plan).toEqual(pro);
  });
});
