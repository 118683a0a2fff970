import { describe, expect, it } from 'vitest';
import { call, expectStatus } from '../api-client';
import { audit, tasksOf } from '../approvals/helpers';
import { approvalWorld, form, nonceOf, PDF } from './approver-world';

// The approver's page over HTTP, as a browser without JavaScript uses it: the emailed link, the
// page, the document, the decision form and its refusals, delegation, the closed task.

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};
const headersOf = (h: Headers) => Object.fromEntries(Object.keys(PAGE_HEADERS).map((k) => [k, h.get(k)]));
const LOGO = `data:image/png;base64,${Buffer.from('not really a png but base64').toString('base64')}`;

/** The task as the API shows it to the tenant's owner (the approval's audit view). */
const taskOf = async (a: { w: { owner: { key: string } }; approval: { id: string }; task: { id: string } }) =>
  (await audit(a.w.owner.key, a.approval.id)).tasks.find((t: any) => t.id === a.task.id);

describe("the approver's page", () => {
  it('shows the tenant, the document (name, version, SHA-256), the route and its stages, the deadline and the PDF in a frame', async () => {
    const a = await approvalWorld({
      tenantName: 'Näidis & Partnerid OÜ',
      profile: { logo: LOGO, accentColor: '#7a1f5c', locale: 'en', timeZone: 'Europe/Tallinn' },
    });
    const res = expectStatus(await call('GET', `/a/${a.token}`), 200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
    const html = res.body as string;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Näidis &amp; Partnerid OÜ');
    expect(html).toContain(`<img src="${LOGO}" alt="">`);
    expect(html).toContain('<link rel="stylesheet" href="/pages/assets/accent.7a1f5c.css">');
    expect(html).toContain('Service agreement 2026.pdf');
    expect(html).toContain(a.doc.sha256);
    expect(html).toMatch(/<dt>Version<\/dt><dd>1<\/dd>/);
    expect(html).toContain('Contracts');
    expect(html).toMatch(/Legal<\/strong> <span class="badge">in progress<\/span><br><span class="hint">Ada Lovelace/);
    expect(html).toMatch(/Board<\/strong> <br><span class="hint">Bob Kask/);
    // The deadline: three days after the task opened, in the tenant's time zone.
    const due = new Date(new Date(a.task.createdAt).getTime() + 3 * 86_400_000);
    const day = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Tallinn',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(due);
    expect(html).toContain(`<dt>Deadline</dt><dd>${day},`);
    expect(html).toContain(
      `<iframe src="/a/${a.token}/file" title="Preview of the document: Service agreement 2026.pdf"></iframe>`,
    );
    expect(html).toContain(`href="/a/${a.token}/file?download=1"`);
    expect(html).toContain('Nobody has decided yet.');
    expect(html).toContain('<option value="' + a.bob.userId + '">Bob Kask</option>');
    expect(nonceOf(html)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(html).toContain(`<a class="lang" href="/a/${a.token}?lang=et" lang="et" hreflang="et">Eesti keeles</a>`);
    // No script, nothing from another origin.
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('speaks Estonian with ?lang=et, or when the tenant does, with dates as 06.12.2026', async () => {
    const a = await approvalWorld({ profile: { locale: 'et' } });
    const html = expectStatus(await call('GET', `/a/${a.token}`), 200).body as string;
    expect(html).toContain('<html lang="et">');
    expect(html).toContain('Kinnitamine: Service agreement 2026.pdf');
    expect(html).toMatch(/<dt>Tähtaeg<\/dt><dd>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}<\/dd>/);
    expect(html).toContain('>Kinnitan</button>');
    expect(html).toContain('>Lükkan tagasi</button>');
    const en = expectStatus(await call('GET', `/a/${a.token}?lang=en`), 200).body as string;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('>Approve</button>');
  });

  it('streams the PDF inline for its frame, and redirects Download to an attachment', async () => {
    const a = await approvalWorld();
    const file = await fetch(`${(await import('vitest')).inject('apiUrl')}/a/${a.token}/file`, { redirect: 'manual' });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="Service agreement 2026.pdf"/);
    expect(file.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    expect(file.headers.get('referrer-policy')).toBe('no-referrer');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const download = expectStatus(await call('GET', `/a/${a.token}/file?download=1`), 302);
    const got = await fetch(download.headers.get('location')!);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it("refuses a post without the page's nonce or with another task's, deciding nothing", async () => {
    const a = await approvalWorld();
    const other = await approvalWorld();
    const otherNonce = nonceOf(expectStatus(await call('GET', `/a/${other.token}`), 200).body)!;
    const posts: Array<Record<string, string>> = [
      { decision: 'approve' },
      { decision: 'approve', nonce: otherNonce },
      { decision: 'approve', nonce: '' },
    ];
    for (const fields of posts) {
      const res = expectStatus(await call('POST', `/a/${a.token}`, form(fields)), 400);
      expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
      expect(res.body).toContain('The form did not come from this page.');
    }
    expect((await taskOf(a)).status).toBe('open');
    expect((await taskOf(other)).status).toBe('open');
  });

  it('shows a reject without a comment again, the comment marked aria-invalid with its message; with one it rejects', async () => {
    const a = await approvalWorld();
    const nonce = nonceOf(expectStatus(await call('GET', `/a/${a.token}`), 200).body)!;
    const refused = expectStatus(
      await call('POST', `/a/${a.token}`, form({ nonce, decision: 'reject', comment: '   ', lang: 'en' })),
      400,
    );
    expect(refused.body).toMatch(
      /<textarea id="comment" name="comment" maxlength="2000" aria-describedby="comment-hint comment-error" aria-invalid="true">/,
    );
    expect(refused.body).toContain('<p class="field-error" id="comment-error">Write why you reject the document.</p>');
    expect((await taskOf(a)).status).toBe('open');
    const et = expectStatus(await call('POST', `/a/${a.token}`, form({ nonce, decision: 'reject', lang: 'et' })), 400);
    expect(et.body).toContain('Kirjutage, miks te dokumendi tagasi lükkate.');

    const rejected = expectStatus(
      await call(
        'POST',
        `/a/${a.token}`,
        form({ nonce, decision: 'reject', comment: 'Clause 7 <b>is</b> wrong', lang: 'en' }),
      ),
      200,
    );
    expect(rejected.body).toContain('You rejected the document');
    expect(rejected.body).toContain('Clause 7 &lt;b&gt;is&lt;/b&gt; wrong');
    expect(rejected.body).toContain('The document was rejected: the approval stops here, and the sender is told.');
    const task = await taskOf(a);
    expect(task).toMatchObject({ status: 'rejected', decision: { comment: 'Clause 7 <b>is</b> wrong' } });
  });

  it('approves once however often the form is posted, names the next stage, and the approval moves on', async () => {
    const a = await approvalWorld();
    const nonce = nonceOf(expectStatus(await call('GET', `/a/${a.token}`), 200).body)!;
    const post = () => call('POST', `/a/${a.token}`, form({ nonce, decision: 'approve', comment: '', lang: 'en' }));
    // A double click: both posts at once.
    const [first, second] = await Promise.all([post(), post()]);
    for (const res of [first, second]) {
      expectStatus(res, 200);
      expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
      expect(res.body).toContain('You approved the document');
      expect(res.body).toContain('Next stage: Board');
    }
    const replay = expectStatus(await post(), 200);
    expect(replay.body).toBe(first.body);
    // The next stage's task opened for Bob; the approval's trail has one decision by Ada.
    await tasksOf(a.bob.key, a.approval.id);
    const task = await taskOf(a);
    expect(task).toMatchObject({ status: 'approved', decision: { by: a.ada.userId } });
    expect(task.history.filter((h: any) => h.type === 'decided')).toHaveLength(1);

    // The page now says who decided and when (410), in the reader's language.
    const closed = expectStatus(await call('GET', `/a/${a.token}?lang=et`), 410);
    expect(closed.body).toContain('Link ei ole enam kasutatav');
    expect(closed.body).toMatch(/Otsustas Ada Lovelace, \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\./);
    expect(headersOf(closed.headers)).toEqual(PAGE_HEADERS);
  });

  it('hands the decision to another active user from the page', async () => {
    const a = await approvalWorld();
    const nonce = nonceOf(expectStatus(await call('GET', `/a/${a.token}`), 200).body)!;
    const none = expectStatus(
      await call('POST', `/a/${a.token}/delegate`, form({ nonce, toUserId: '', lang: 'en' })),
      400,
    );
    expect(none.body).toContain('aria-invalid="true" aria-describedby="toUserId-error"');
    const done = expectStatus(
      await call('POST', `/a/${a.token}/delegate`, form({ nonce, toUserId: a.bob.userId, lang: 'en' })),
      200,
    );
    expect(done.body).toContain('The decision has been handed over');
    expect(done.body).toContain('<dt>Now deciding</dt><dd>Bob Kask</dd>');
    expect(await taskOf(a)).toMatchObject({ status: 'open', delegateTo: a.bob.userId });
  });

  it('answers an unknown, tampered or truncated token with a 404 page naming no tenant', async () => {
    const a = await approvalWorld({ tenantName: 'Secret Tenant AS' });
    const flipped = a.token.slice(0, -1) + (a.token.endsWith('A') ? 'B' : 'A');
    for (const token of ['dal_nope', flipped, a.token.slice(0, -5), 'x'.repeat(256)]) {
      const res = expectStatus(await call('GET', `/a/${encodeURIComponent(token)}`), 404);
      expect(headersOf(res.headers)).toEqual(PAGE_HEADERS);
      expect(res.body).toContain('Link not found');
      expect(res.body).not.toContain('Secret Tenant');
    }
    const long = expectStatus(await call('GET', `/a/${'x'.repeat(300)}?lang=et`), 400);
    expect(long.body).toContain('Päringut ei saanud täita');
  });

  it('answers a wrong token in the time a right one takes (medians within 10 ms over 50 requests each)', async () => {
    const a = await approvalWorld();
    const base = (await import('vitest')).inject('apiUrl');
    const time = async (path: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${path}`);
      await res.text();
      return performance.now() - started;
    };
    // Warm both paths first.
    for (let i = 0; i < 5; i++) await Promise.all([time(`/a/${a.token}`), time(`/a/dal_${'w'.repeat(43)}`)]);
    const right: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 50; i++) {
      right.push(await time(`/a/${a.token}`));
      wrong.push(await time(`/a/dal_${Math.random().toString(36).slice(2).padEnd(43, 'q')}`));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    console.log(JSON.stringify({ name: 'pages-404-timing', right: median(right), wrong: median(wrong) }));
    expect(Math.abs(median(right) - median(wrong))).toBeLessThanOrEqual(10);
  }, 60_000);
});
