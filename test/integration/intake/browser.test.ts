import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { expectRefused, leadsWithEmail, newForm, postBrowser, submissions, uniqueEmail } from './helpers';

let tenant: TestTenant;
const ORIGIN = 'https://www.example.com';
const browserForm = (extra: Record<string, unknown> = {}) =>
  newForm(tenant, {
    mapping: { email: 'email', name: 'name' },
    allowedOrigins: [ORIGIN],
    honeypotField: 'website_url',
    ...extra,
  });
const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

describe('browser posts', async () => {
  tenant = await newTenant('Intake browser');

  it('takes a post from an allowed origin, readable by it (CORS), keeping UTM, referrer and user agent', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const res = await call('POST', `${form.intakePath}?utm_source=ads&utm_medium=cpc`, {
      rawBody: new URLSearchParams({ email, name: 'Ada' }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        referer: `${ORIGIN}/contact`,
        'user-agent': 'Mozilla/5.0 test',
      },
    });
    expectStatus(res, 201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const lead = expectStatus(await call('GET', `/v1/leads/${res.body.leadId}`, { key: tenant.ownerKey }), 200).body;
    expect(lead.utm).toEqual({ utm_source: 'ads', utm_medium: 'cpc' });
    const [logged] = await submissions(tenant, form);
    expect(logged).toMatchObject({
      channel: 'browser',
      referrer: `${ORIGIN}/contact`,
      userAgent: 'Mozilla/5.0 test',
      utm: { utm_source: 'ads', utm_medium: 'cpc' },
    });
  });

  it('sends a browser that wants a page to the thank-you URL (303), or to the error URL with the reason', async () => {
    const form = await browserForm({
      thankYouUrl: `${ORIGIN}/thanks`,
      errorUrl: `${ORIGIN}/oops`,
      requiredFields: ['email'],
    });
    const ok = await postBrowser(form, { email: uniqueEmail() }, ORIGIN, HTML);
    expectStatus(ok, 303);
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/thanks`);
    const bad = await postBrowser(form, { name: 'No email' }, ORIGIN, HTML);
    expectStatus(bad, 303);
    expect(bad.headers.get('location')).toBe(`${ORIGIN}/oops?error=validation&fields=email`);
    expect(await submissions(tenant, form, 'rejected')).toHaveLength(1);
  });

  it('answers the CORS preflight for allowed origins only', async () => {
    const form = await browserForm();
    const ok = await call('OPTIONS', form.intakePath, {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expectStatus(ok, 204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
    expectStatus(await call('OPTIONS', form.intakePath, { headers: { origin: 'https://evil.example' } }), 403);
  });

  it('refuses an origin that is not allowed with 403', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    await expectRefused(tenant, form, await postBrowser(form, { email }, 'https://evil.example'), 403, email);
  });

  it('refuses browser posts to a form without origins with 403', async () => {
    const form = await newForm(tenant, { mapping: { email: 'email' } });
    const email = uniqueEmail();
    await expectRefused(tenant, form, await postBrowser(form, { email }), 403, email);
  });

  it('answers an unsigned post without Origin 401 naming the signature headers, not 403 about origins', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const res = await call('POST', form.intakePath, { body: { email } });
    await expectRefused(tenant, form, res, 401, email);
    expect(res.headers.get('www-authenticate')).toBe('Signature');
    expect(res.body.detail).toContain('webhook-id, webhook-timestamp and webhook-signature');
    const typeform = await newForm(tenant, { provider: 'typeform', allowedOrigins: [ORIGIN] });
    const other = await call('POST', typeform.intakePath, { body: { email } });
    await expectRefused(tenant, typeform, other, 401, email);
    expect(other.body.detail).toContain('Typeform-Signature');
  });

  it('refuses a browser post over 32 KB with 413', async () => {
    const form = await browserForm();
    await expectRefused(
      tenant,
      form,
      await postBrowser(form, { email: uniqueEmail(), comments: 'x'.repeat(33 * 1024) }),
      413,
    );
  });

  // Windows are fixed minutes: five quick posts over a limit of two meet a 429 even if a minute turns meanwhile.
  async function untilLimited(form: Awaited<ReturnType<typeof browserForm>>) {
    for (let i = 0; i < 5; i++) {
      const email = uniqueEmail();
      const res = await postBrowser(form, { email });
      if (res.status === 429) return { res, email };
      expectStatus(res, 201);
    }
    throw new Error('no 429 after five posts over a limit of two');
  }

  it('refuses over the rate limit per client IP with 429 and Retry-After', async () => {
    const form = await browserForm({ rateLimits: { perFormPerMinute: 100, perIpPerMinute: 2 } });
    const { res, email } = await untilLimited(form);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await leadsWithEmail(tenant, email)).toEqual([]);
    expect(await submissions(tenant, form, 'rejected')).toHaveLength(1);
  });

  it('refuses over the rate limit per form with 429', async () => {
    const form = await browserForm({ rateLimits: { perFormPerMinute: 2, perIpPerMinute: 100 } });
    const { email } = await untilLimited(form);
    expect(await leadsWithEmail(tenant, email)).toEqual([]);
  });

  it('answers a honeypot hit like a success but stores spam, never a lead, until released', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const res = expectStatus(await postBrowser(form, { email, name: 'Bot', website_url: 'http://spam.example' }), 201);
    expect(res.body).toEqual({
      submissionId: expect.stringMatching(/^sub_/),
      leadId: expect.stringMatching(/^lead_/),
      status: 'accepted',
    });
    expectStatus(await call('GET', `/v1/leads/${res.body.leadId}`, { key: tenant.ownerKey }), 404);
    const [spam] = await submissions(tenant, form, 'spam');
    expect(spam).toMatchObject({
      id: res.body.submissionId,
      leadId: null,
      reason: expect.stringContaining('honeypot'),
    });
    const released = await call('POST', `/v1/forms/${form.id}/submissions/${spam.id}/release`, {
      key: tenant.ownerKey,
    });
    expectStatus(released, 200);
    expect(released.body).toMatchObject({
      status: 'accepted',
      leadId: res.body.leadId,
      releasedBy: tenant.ownerUserId,
    });
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
    expectStatus(
      await call('POST', `/v1/forms/${form.id}/submissions/${spam.id}/release`, { key: tenant.ownerKey }),
      409,
    );
  });

  it('quarantines link spam (202) for an admin to release', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const links = 'see http://a.example http://b.example www.c.example';
    const res = expectStatus(await postBrowser(form, { email, name: links }), 202);
    expect(res.body).toMatchObject({ status: 'quarantined', leadId: null });
    expect(await leadsWithEmail(tenant, email)).toEqual([]);
    expectStatus(
      await call('POST', `/v1/forms/${form.id}/submissions/${res.body.submissionId}/release`, { key: tenant.ownerKey }),
      200,
    );
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
  });

  it('makes one lead of the same submission repeated within the dedupe window', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const first = expectStatus(await postBrowser(form, { email, name: 'Twice' }), 201);
    const second = expectStatus(await postBrowser(form, { name: 'Twice', email }), 200);
    expect(second.body).toMatchObject({ status: 'duplicate', leadId: first.body.leadId });
    expect(second.body.submissionId).not.toBe(first.body.submissionId);
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
    const [duplicate] = await submissions(tenant, form, 'duplicate');
    expect(duplicate).toMatchObject({ duplicateOf: first.body.submissionId, leadId: first.body.leadId });
  });

  it('makes concurrent identical submissions one lead', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const answers = await Promise.all(Array.from({ length: 8 }, () => postBrowser(form, { email, name: 'Race' })));
    const leadIds = new Set(answers.map((a) => expectStatus(a, [200, 201]).body.leadId));
    expect(leadIds.size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
  });

  it('marks a lead whose email matches an existing contact as a repeat, on both timelines', async () => {
    const form = await browserForm();
    const email = uniqueEmail();
    const contact = expectStatus(
      await call('POST', '/v1/contacts', { key: tenant.ownerKey, body: { firstName: 'Known', emails: [email] } }),
      201,
    ).body;
    const res = expectStatus(await postBrowser(form, { email, name: 'Known again' }), 201);
    // The browser is told `accepted` (no email oracle, next test); the lead and the log say repeat.
    expect(res.body.status).toBe('accepted');
    const lead = expectStatus(await call('GET', `/v1/leads/${res.body.leadId}`, { key: tenant.ownerKey }), 200).body;
    expect(lead.repeatOf).toEqual({ entity: 'contact', id: contact.id });
    const contactTimeline = expectStatus(
      await call('GET', `/v1/contacts/${contact.id}/timeline`, { key: tenant.ownerKey }),
      200,
    ).body.items;
    expect(contactTimeline[0]).toMatchObject({
      type: 'repeat_submission',
      changes: [{ field: 'repeatLead', to: lead.id }],
    });
    const leadTimeline = expectStatus(await call('GET', `/v1/leads/${lead.id}/timeline`, { key: tenant.ownerKey }), 200)
      .body.items;
    expect(leadTimeline[0].changes).toContainEqual({
      field: 'repeatOf',
      from: null,
      to: { entity: 'contact', id: contact.id },
    });
    const [logged] = await submissions(tenant, form, 'repeat');
    expect(logged).toMatchObject({ leadId: lead.id, repeatOf: { entity: 'contact', id: contact.id } });
  });

  it('answers a browser the same whether or not the email is in the CRM; the log keeps the truth', async () => {
    const form = await browserForm();
    const known = uniqueEmail();
    expectStatus(
      await call('POST', '/v1/leads', { key: tenant.ownerKey, body: { title: 'Known', email: known } }),
      201,
    );
    const answers = [];
    for (const email of [known, uniqueEmail()]) {
      const res = expectStatus(await postBrowser(form, { email, name: 'Probe' }), 201);
      answers.push({ status: res.status, keys: Object.keys(res.body).sort(), told: res.body.status });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].told).toBe('accepted');
    expect((await submissions(tenant, form)).map((s) => s.status).sort()).toEqual(['accepted', 'repeat']);
    // A page-asking browser is sent to the thank-you URL either way (it was already).
    const paged = await browserForm({ thankYouUrl: `${ORIGIN}/thanks` });
    for (const email of [known, uniqueEmail()])
      expect((await postBrowser(paged, { email }, ORIGIN, HTML)).headers.get('location')).toBe(`${ORIGIN}/thanks`);
  });
});
