import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant } from '../api-client';
import { newForm, postSigned, submissions, uniqueEmail } from '../intake/helpers';
import { feed, outboxItems } from './helpers';

// What a form's intake announces: a lead it creates (`lead.created`, source `intake`, with the form
// and submission), a refusal it logs (`form.submission_rejected`); spam is held, not rejected, and
// announces nothing until released.

describe('intake events', () => {
  it('announce a created lead with its form, a logged refusal, and nothing for spam', async () => {
    const tenant = await newTenant('Intake Events');
    const form = await newForm(tenant, {
      mapping: { your_email: 'email' },
      requiredFields: ['email'],
      honeypotField: 'website_url',
    });
    const email = uniqueEmail();
    const accepted = expectStatus(await postSigned(form, { your_email: email }), 201).body;
    const before = (await outboxItems(tenant.id)).length;
    expectStatus(await postSigned(form, { your_email: uniqueEmail(), website_url: 'http://spam.example' }), 201);
    expect((await outboxItems(tenant.id)).length).toBe(before);
    expectStatus(await postSigned(form, { your_email: 'not-an-email' }), 400);
    const byApi = expectStatus(
      await call('POST', '/v1/leads', {
        key: tenant.ownerKey,
        body: { title: 'By the API', name: 'Ann', email: uniqueEmail() },
      }),
      201,
    ).body;

    const got = await feed(tenant.ownerKey);
    expect(got.map((e) => e.type)).toEqual(['lead.created', 'form.submission_rejected', 'lead.created']);
    const [fromForm, rejected, fromApi] = got;
    expect(fromForm).toMatchObject({
      source: 'intake',
      formId: form.id,
      submissionId: accepted.submissionId,
      data: { email },
    });
    expect(fromApi).toMatchObject({ source: 'api', data: { id: byApi.id } });
    expect(fromApi.formId).toBeUndefined();
    const [logged] = await submissions(tenant, form, 'rejected');
    expect(rejected).toMatchObject({
      actor: { kind: 'system', name: 'intake', ref: form.id },
      formId: form.id,
      submissionId: logged.id,
      data: logged,
    });
  }, 60_000);
});
