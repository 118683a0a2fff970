import { describe, expect, it } from 'vitest';
import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import {
  expectRefused,
  leadsWithEmail,
  newForm,
  postSigned,
  standardHeaders,
  submissions,
  uniqueEmail,
} from './helpers';

let tenant: TestTenant;
const fresh = () =>
  newForm(tenant, { mapping: { your_email: 'email', full_name: 'name' }, fixedValues: { source: 'website' } });

describe('Standard Webhooks submissions', async () => {
  tenant = await newTenant('Intake signed');

  it('creates a lead through the records core, with its submission logged', async () => {
    const form = await fresh();
    const email = uniqueEmail();
    const res = expectStatus(
      await postSigned(form, { your_email: email, full_name: 'Ada Lovelace', utm_source: 'news' }),
      201,
    );
    expect(res.body).toMatchObject({
      status: 'accepted',
      submissionId: expect.stringMatching(/^sub_/),
      leadId: expect.stringMatching(/^lead_/),
    });
    const lead = expectStatus(await call('GET', `/v1/leads/${res.body.leadId}`, { key: tenant.ownerKey }), 200).body;
    expect(lead).toMatchObject({
      title: 'Contact: Ada Lovelace',
      email,
      name: 'Ada Lovelace',
      source: 'website',
      utm: { utm_source: 'news' },
      ownerId: null,
    });
    const timeline = expectStatus(await call('GET', `/v1/leads/${lead.id}/timeline`, { key: tenant.ownerKey }), 200)
      .body.items;
    expect(timeline[0]).toMatchObject({
      type: 'created',
      actor: { kind: 'system', name: 'intake', ref: res.body.submissionId },
    });
    const [logged] = await submissions(tenant, form);
    expect(logged).toMatchObject({
      id: res.body.submissionId,
      status: 'accepted',
      leadId: lead.id,
      channel: 'signed',
      utm: { utm_source: 'news' },
    });
    expect(logged.ipHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("tells a signed sender that a lead repeats a known email (the tenant's own server may know)", async () => {
    const form = await fresh();
    const email = uniqueEmail();
    expectStatus(await postSigned(form, { your_email: email }), 201);
    const again = expectStatus(await postSigned(form, { your_email: email, full_name: 'Again' }), 201);
    expect(again.body.status).toBe('repeat');
    expect((await submissions(tenant, form, 'repeat')).map((s) => s.leadId)).toEqual([again.body.leadId]);
  });

  it('answers a replayed webhook-id with the original result and creates nothing', async () => {
    const form = await fresh();
    const email = uniqueEmail();
    const first = expectStatus(await postSigned(form, { your_email: email }, 'msg_replay_1'), 201);
    const again = expectStatus(
      await postSigned(form, { your_email: email, full_name: 'changed' }, 'msg_replay_1'),
      201,
    );
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await leadsWithEmail(tenant, email)).toHaveLength(1);
    expect(await submissions(tenant, form)).toHaveLength(1);
  });

  it('answers a replayed honeypot hit and a replayed quarantine as the first time (201 accepted, 202)', async () => {
    const form = await newForm(tenant, { mapping: { your_email: 'email' }, honeypotField: 'website_url' });
    const bot = { your_email: uniqueEmail(), website_url: 'http://spam.example' };
    const links = { your_email: uniqueEmail(), note: 'https://a.example https://b.example https://c.example' };
    for (const [fields, status, told] of [
      [bot, 201, 'accepted'],
      [links, 202, 'quarantined'],
    ] as const) {
      const id = `msg_${told}_${Date.now()}`;
      const first = expectStatus(await postSigned(form, fields, id), status);
      expect(first.body.status).toBe(told);
      const again = expectStatus(await postSigned(form, fields, id), status);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    expect((await submissions(tenant, form, 'spam')).map((s) => s.reason)).toEqual([
      expect.stringContaining('links'),
      expect.stringContaining('honeypot'),
    ]);
  });

  it('accepts urlencoded and multipart bodies too', async () => {
    const form = await fresh();
    const email = uniqueEmail();
    const urlencoded = `your_email=${encodeURIComponent(email)}&full_name=Grace+Hopper`;
    const a = await call('POST', form.intakePath, {
      rawBody: urlencoded,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...standardHeaders(form.secret, urlencoded, 'msg_u'),
      },
    });
    expectStatus(a, 201);
    const email2 = uniqueEmail();
    const multipart = ['--XyZ', 'content-disposition: form-data; name="your_email"', '', email2, '--XyZ--', ''].join(
      '\r\n',
    );
    const b = await call('POST', form.intakePath, {
      rawBody: multipart,
      headers: {
        'content-type': 'multipart/form-data; boundary=XyZ',
        ...standardHeaders(form.secret, multipart, 'msg_m'),
      },
    });
    expectStatus(b, 201);
    expect((await leadsWithEmail(tenant, email))[0].name).toBe('Grace Hopper');
    expect(await leadsWithEmail(tenant, email2)).toHaveLength(1);
  });

  it('accepts any of several signatures, and the previous secret for its grace period after a rotation', async () => {
    const form = await fresh();
    const rotated = expectStatus(
      await call('POST', `/v1/forms/${form.id}/rotate-secret`, { key: tenant.ownerKey }),
      200,
    ).body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(form.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    expectStatus(await postSigned(form, { your_email: uniqueEmail() }), 201, 'old secret in its grace period');
    expectStatus(
      await postSigned({ ...form, secret: rotated.secret }, { your_email: uniqueEmail() }),
      201,
      'new secret',
    );
    const body = JSON.stringify({ your_email: uniqueEmail() });
    const good = standardHeaders(rotated.secret, body, 'msg_multi');
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: {
        'content-type': 'application/json',
        ...good,
        'webhook-signature': `v1,AAAA ${good['webhook-signature']}`,
      },
    });
    expectStatus(res, 201);
    // A second rotation ends the first secret's grace: only the last two remain.
    await call('POST', `/v1/forms/${form.id}/rotate-secret`, { key: tenant.ownerKey });
    expectStatus(await postSigned(form, { your_email: uniqueEmail() }), 401);
  });

  it('refuses a bad signature with 401 and logs it', async () => {
    const form = await fresh();
    const email = uniqueEmail();
    const body = JSON.stringify({ your_email: email });
    const headers = standardHeaders('whsec_' + Buffer.from('not the secret').toString('base64'), body, 'msg_bad');
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    await expectRefused(tenant, form, res, 401, email);
    expect(res.headers.get('www-authenticate')).toBeTruthy();
  });

  it('refuses a missing signature with 401', async () => {
    const form = await fresh();
    const email = uniqueEmail();
    const res = await call('POST', form.intakePath, { body: { your_email: email } });
    await expectRefused(tenant, form, res, 401, email);
  });

  it('refuses a timestamp more than 5 minutes off with 401', async () => {
    const form = await fresh();
    const email = uniqueEmail();
    const body = JSON.stringify({ your_email: email });
    const stale = standardHeaders(form.secret, body, 'msg_stale', Math.floor(Date.now() / 1000) - 6 * 60);
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: { 'content-type': 'application/json', ...stale },
    });
    await expectRefused(tenant, form, res, 401, email);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const form = await fresh();
    const res = await postSigned(form, { your_email: uniqueEmail(), comments: 'x'.repeat(257 * 1024) });
    await expectRefused(tenant, form, res, 413);
  });

  it('refuses broken JSON with 400', async () => {
    const form = await fresh();
    const body = '{"your_email": ';
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: { 'content-type': 'application/json', ...standardHeaders(form.secret, body, 'msg_broken') },
    });
    await expectRefused(tenant, form, res, 400);
  });

  it('checks the signature over a body that is not UTF-8 first: 400 when it is valid, 401 when not', async () => {
    // "Müller" in Latin-1: 0xFC is no UTF-8. Each content type a sender may use, each on forms of its own.
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    const bodies: Record<string, (email: string) => Buffer> = {
      'application/json': (email) => latin1(JSON.stringify({ your_email: email, full_name: 'Ada Müller' })),
      'application/x-www-form-urlencoded': (email) =>
        latin1(`your_email=${encodeURIComponent(email)}&full_name=Ada+Müller`),
      'multipart/form-data; boundary=B': (email) =>
        latin1(
          ['--B', 'content-disposition: form-data; name="your_email"', '', email, '--B']
            .concat(['content-disposition: form-data; name="full_name"', '', 'Ada Müller', '--B--', ''])
            .join('\r\n'),
        ),
    };
    for (const [type, bodyOf] of Object.entries(bodies)) {
      const form = await fresh();
      const email = uniqueEmail();
      const bytes = bodyOf(email);
      const res = await call('POST', form.intakePath, {
        rawBody: bytes,
        headers: { 'content-type': type, ...standardHeaders(form.secret, bytes, `msg_latin1_${email}`) },
      });
      await expectRefused(tenant, form, res, 400, email);
      expect(res.body.detail, type).toBe('The body is not valid UTF-8.');
      const other = await fresh();
      const forged = standardHeaders('whsec_' + Buffer.from('not the secret').toString('base64'), bytes, 'msg_x');
      const bad = await call('POST', other.intakePath, {
        rawBody: bytes,
        headers: { 'content-type': type, ...forged },
      });
      await expectRefused(tenant, other, bad, 401, email);
    }
  });

  it('refuses a file part in multipart with 400', async () => {
    const form = await fresh();
    const body = [
      '--B',
      'content-disposition: form-data; name="your_email"',
      '',
      uniqueEmail(),
      '--B',
      'content-disposition: form-data; name="cv"; filename="cv.pdf"',
      'content-type: application/pdf',
      '',
      '%PDF-1.4',
      '--B--',
      '',
    ].join('\r\n');
    const res = await call('POST', form.intakePath, {
      rawBody: body,
      headers: { 'content-type': 'multipart/form-data; boundary=B', ...standardHeaders(form.secret, body, 'msg_file') },
    });
    await expectRefused(tenant, form, res, 400);
    expect(res.body.errors[0].path).toBe('body.cv');
  });

  it('refuses missing required and invalid fields with 400 listing them by their submitted names', async () => {
    const form = await newForm(tenant, {
      mapping: { your_email: 'email', tel: 'phone' },
      requiredFields: ['email', 'name'],
    });
    const res = await postSigned(form, { your_email: 'not-an-email', tel: '12' });
    await expectRefused(tenant, form, res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.name', 'body.tel', 'body.your_email']);
  });

  it('answers 404 for an unknown, deleted or disabled form, and logs nothing', async () => {
    const form = await fresh();
    const unknown = form.intakePath.replace(/frm_\w+$/, 'frm_01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expectStatus(await call('POST', unknown, { body: {} }), 404);
    const other = await newTenant('Other');
    expectStatus(await call('POST', form.intakePath.replace(tenant.id, other.id), { body: {} }), 404);
    expectStatus(await call('PATCH', `/v1/forms/${form.id}`, { key: tenant.ownerKey, body: { enabled: false } }), 200);
    expectStatus(await postSigned(form, { your_email: uniqueEmail() }), 404);
    expectStatus(await call('PATCH', `/v1/forms/${form.id}`, { key: tenant.ownerKey, body: { enabled: true } }), 200);
    expect(await submissions(tenant, form)).toEqual([]);
    expectStatus(await call('DELETE', `/v1/forms/${form.id}`, { key: tenant.ownerKey }), 204);
    expectStatus(await postSigned(form, { your_email: uniqueEmail() }), 404);
    expectStatus(await call('GET', `/v1/forms/${form.id}`, { key: tenant.ownerKey }), 404);
  });
});
