import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectStatus, newKey, newTenant, type TestTenant } from '../api-client';
import { uploadDocument } from '../documents/helpers';
import { docx, docxBomb, eml, pdf, xlsx } from './fixtures';
import { foundEventually, hitIds, searchAs } from './helpers';
import { eventually } from '#test/support/eventually';

// Search through the API, on the local runtime's stream indexer, LanceDB over s3rver and DynamoDB Local.

let tenant: TestTenant;

/**
 * What `GET /v1/documents/{id}` says of the current version's text, once the indexer has said it
 * (it writes the status just after the index, so a hit may come a moment before).
 */
const textOf = (key: string, id: string) =>
  eventually(
    async () => {
      const { textStatus, textReason } = expectStatus(await call('GET', `/v1/documents/${id}`, { key }), 200).body;
      if (textStatus === 'pending') return undefined;
      return textReason === undefined ? { textStatus } : { textStatus, textReason };
    },
    { timeoutMs: 5000, intervalMs: 50, label: `${id}'s text status` },
  );
const docs: Record<string, any> = {};

beforeAll(async () => {
  tenant = await newTenant('Otsing OÜ');
  const key = tenant.ownerKey;
  [docs.pdf, docs.docx, docs.xlsx, docs.eml] = await Promise.all([
    uploadDocument(key, pdf(['Tarneleping nr 7', 'Müüja Õunapuu OÜ annab garantii kolmkümmend kuud']), {
      fileName: 'tarneleping.pdf',
      contentType: 'application/pdf',
    }),
    uploadDocument(key, docx(['Üürileping', 'Rentnik on Kärbes AS, tähtaeg möödub jõulude ajal']), {
      fileName: 'yyrileping.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    }),
    uploadDocument(key, xlsx('Hinnakiri', ['Toode', 'Šokolaadikook', 'Hind 12 €']), {
      fileName: 'hinnad.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    uploadDocument(
      key,
      eml('Pakkumine: päikesepaneelid', 'Tere! Saadame päikesepaneelide hinnapakkumise. Lugupidamisega, Mari'),
      {
        fileName: 'pakkumine.eml',
        contentType: 'message/rfc822',
      },
    ),
  ]);
}, 60_000);

describe('GET /v1/search: documents by what is written inside them', () => {
  it.each([
    ['pdf', 'Õunapuu', 'Ounapuu', 'page 2'],
    ['docx', 'Kärbes', 'karbes', undefined],
    ['xlsx', 'Šokolaadikook', 'sokolaadikook', 'sheet Hinnakiri'],
    ['eml', 'päikesepaneelide', 'paikesepaneelide', undefined],
  ])('finds the %s by a word of its body, with and without diacritics', async (kind, word, folded, part) => {
    const hit = await foundEventually(tenant.ownerKey, { q: word }, docs[kind].id);
    expect(hit).toMatchObject({ type: 'document', title: docs[kind].name, version: 1, textStatus: 'extracted' });
    expect(hit.snippet).toContain(`<mark>${word}</mark>`);
    expect(await textOf(tenant.ownerKey, docs[kind].id)).toEqual({ textStatus: 'extracted' });
    if (part) expect(hit.part).toBe(part);
    const withoutDiacritics = await foundEventually(tenant.ownerKey, { q: folded }, docs[kind].id);
    expect(withoutDiacritics.snippet).toContain(`<mark>${word}</mark>`);
  });

  it('ranks the exact diacritics first, finds a word as it is typed, and reads phrases and exclusions', async () => {
    const key = tenant.ownerKey;
    const exact = await uploadDocument(key, 'Tellija Tõnu Sõnajalg, leping', { fileName: 'a.txt' });
    const plain = await uploadDocument(key, 'Tellija Tonu Sonajalg, leping', { fileName: 'b.txt' });
    await foundEventually(key, { q: 'sonajalg' }, exact.id);
    await foundEventually(key, { q: 'sonajalg' }, plain.id);
    expect((await hitIds(key, { q: 'Sõnajalg' })).slice(0, 2)).toEqual([exact.id, plain.id]);
    expect((await hitIds(key, { q: 'Sonajalg' })).slice(0, 2)).toEqual([plain.id, exact.id]);
    expect(await hitIds(key, { q: 'tellija sõnaj' })).toEqual(expect.arrayContaining([exact.id, plain.id]));
    expect(await hitIds(key, { q: 'päikesepan' })).toContain(docs.eml.id);
    // A phrase reads word positions, which new rows have once the indexer's index update is done.
    await foundEventually(key, { q: '"tonu sonajalg"' }, exact.id);
    await foundEventually(key, { q: '"tonu sonajalg"' }, plain.id);
    expect(await hitIds(key, { q: '"tonu sonajalg"' })).toEqual(expect.arrayContaining([exact.id, plain.id]));
    expect(await hitIds(key, { q: '"sonajalg tonu"' })).toEqual([]);
    expect(await hitIds(key, { q: 'sonajalg -tõnu' })).toEqual([]);
    expect(await hitIds(key, { q: 'leping -Õunapuu' })).not.toContain(docs.pdf.id);
  });

  it('escapes everything in a snippet but the marks', async () => {
    const doc = await uploadDocument(tenant.ownerKey, 'Märkus <script>alert("x")</script> & Kuusk', {
      fileName: 'm.txt',
    });
    const hit = await foundEventually(tenant.ownerKey, { q: 'kuusk' }, doc.id);
    expect(hit.snippet).toBe('Märkus &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Kuusk</mark>');
  });

  it('keeps every version: the current one by default, earlier ones with versions=all', async () => {
    const key = tenant.ownerKey;
    const first = await uploadDocument(key, 'Esimene mustand: vahtrapuu', { fileName: 'v.txt' });
    await foundEventually(key, { q: 'vahtrapuu' }, first.id);
    await uploadDocument(key, 'Teine mustand: kastanipuu', { fileName: 'v.txt', documentId: first.id });
    await foundEventually(key, { q: 'kastanipuu' }, first.id);
    expect(await hitIds(key, { q: 'vahtrapuu' })).toEqual([]);
    const old = await foundEventually(key, { q: 'vahtrapuu', versions: 'all' }, first.id);
    expect(old.version).toBe(1);
    await textOf(key, first.id);
    const versions = expectStatus(await call('GET', `/v1/documents/${first.id}/versions`, { key }), 200).body.items;
    expect(versions.map((v: any) => [v.number, v.textStatus])).toEqual([
      [2, 'extracted'],
      [1, 'extracted'],
    ]);
  });

  it('finds a file whose extraction failed by its name, and says why it has no text', async () => {
    const key = tenant.ownerKey;
    const bomb = await uploadDocument(key, docxBomb(60), {
      fileName: 'pommileping.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const broken = await uploadDocument(key, '%PDF-1.7 katki', {
      fileName: 'katkine.pdf',
      contentType: 'application/pdf',
    });
    const image = await uploadDocument(key, Buffer.from([0x89, 0x50, 0x4e, 0x47]), {
      fileName: 'logo-kuusk.png',
      contentType: 'image/png',
    });
    expect(await foundEventually(key, { q: 'pommileping' }, bomb.id, 20_000)).toMatchObject({ textStatus: 'failed' });
    expect(await foundEventually(key, { q: 'katkine' }, broken.id)).toMatchObject({ textStatus: 'failed' });
    expect(await foundEventually(key, { q: 'logo' }, image.id)).toMatchObject({ textStatus: 'none' });
    // The document says so itself, with the reason, on GET and in its versions.
    expect(await textOf(key, bomb.id)).toEqual({ textStatus: 'failed', textReason: 'its text exceeds 50 MB' });
    expect(await textOf(key, broken.id)).toMatchObject({ textStatus: 'failed', textReason: expect.any(String) });
    expect(await textOf(key, image.id)).toEqual({ textStatus: 'none' });
    const [version] = expectStatus(await call('GET', `/v1/documents/${bomb.id}/versions`, { key }), 200).body.items;
    expect(version).toMatchObject({ textStatus: 'failed', textReason: 'its text exceeds 50 MB' });
  });
});

describe('GET /v1/search: filters', () => {
  it('filters by linked record, tags, content type and time; a filter alone needs no words', async () => {
    const key = tenant.ownerKey;
    const deal = expectStatus(
      await call('POST', '/v1/deals', { key, body: { title: 'Tamme tehing' } }),
      201,
      'a deal',
    ).body;
    const linked = await uploadDocument(key, 'Tammepuu leping', {
      fileName: 'tamm.txt',
      links: [{ entity: 'deal', id: deal.id }],
    });
    const tagged = await uploadDocument(key, 'Tammepuu arve', { fileName: 'tamm2.txt' });
    expectStatus(
      await call('PATCH', `/v1/documents/${tagged.id}`, {
        key,
        headers: { 'if-match': `"${tagged.version}"` },
        body: { tags: ['Arve'] },
      }),
      200,
      'tagging',
    );
    await foundEventually(key, { q: 'tammepuu' }, linked.id);
    await foundEventually(key, { q: 'tammepuu', tags: 'arve' }, tagged.id);
    expect(await hitIds(key, { q: 'tammepuu', recordId: deal.id })).toEqual([linked.id]);
    expect(await hitIds(key, { q: 'tammepuu', tags: 'ARVE' })).toEqual([tagged.id]);
    expect(await hitIds(key, { q: 'tammepuu', contentType: 'application/pdf' })).toEqual([]);
    expect((await hitIds(key, { q: 'tammepuu', contentType: 'text/plain' })).sort()).toEqual(
      [linked.id, tagged.id].sort(),
    );
    expect(await hitIds(key, { q: 'tammepuu', to: '2020-01-01' })).toEqual([]);
    expect(await hitIds(key, { recordId: deal.id })).toEqual([linked.id]);
  });
});

describe('GET /v1/search: records', () => {
  it('finds a company by its name and tax id, a contact by email; a deleted record is gone at the next query', async () => {
    const key = tenant.ownerKey;
    const company = expectStatus(
      await call('POST', '/v1/companies', { key, body: { name: 'Põhjanaela Ehitus OÜ', industry: 'ehitus' } }),
      201,
      'creating a company',
    ).body;
    const contact = expectStatus(
      await call('POST', '/v1/contacts', {
        key,
        body: { firstName: 'Jüri', lastName: 'Männik', emails: ['juri@pohjanael.ee'] },
      }),
      201,
      'creating a contact',
    ).body;
    const hit = await foundEventually(key, { q: 'pohjanaela' }, company.id, 4000);
    expect(hit).toMatchObject({ type: 'company', title: 'Põhjanaela Ehitus OÜ' });
    expect(await foundEventually(key, { q: 'juri@pohjanael.ee', types: 'contact' }, contact.id)).toMatchObject({
      type: 'contact',
      title: 'Jüri Männik',
    });
    expectStatus(await call('DELETE', `/v1/companies/${company.id}`, { key }), 204, 'deleting the company');
    expect(await hitIds(key, { q: 'pohjanaela' })).not.toContain(company.id);
  });
});

describe('GET /v1/search: access', () => {
  it('never shows a restricted document to a member not on its list; shows it to one on it', async () => {
    const key = tenant.ownerKey;
    const doc = await uploadDocument(key, 'Salajane palgaleping: Haavapuu', { fileName: 'palk.txt' });
    await foundEventually(key, { q: 'haavapuu' }, doc.id);
    const outsiderKey = await newKey(tenant, 'member');
    const insiderKey = await newKey(tenant, 'member', 'usr-insider');
    expectStatus(
      await call('PATCH', `/v1/documents/${doc.id}`, {
        key,
        headers: { 'if-match': `"${doc.version}"` },
        body: { visibility: 'restricted', acl: [{ userId: 'usr-insider', access: 'read' }] },
      }),
      200,
      'restricting the document',
    );
    // The table decides at once, whatever the index still says.
    expect(await hitIds(outsiderKey, { q: 'haavapuu' })).toEqual([]);
    expect(await hitIds(outsiderKey, { q: 'palgaleping' })).toEqual([]);
    await foundEventually(insiderKey, { q: 'haavapuu' }, doc.id);
    expect(await hitIds(outsiderKey, { q: 'haavapuu' })).toEqual([]);
  });

  it("gives another tenant's key nothing, however it asks", async () => {
    const other = await newTenant('Teine OÜ');
    const key = other.ownerKey;
    await foundEventually(tenant.ownerKey, { q: 'ounapuu' }, docs.pdf.id);
    for (const q of ['ounapuu', 'Õunapuu', '"Õunapuu OÜ"', 'tarneleping', docs.pdf.id, 'ou*', 'ou'])
      expect(await hitIds(key, { q })).toEqual([]);
    expect(await hitIds(key, { q: 'ounapuu', types: 'document', versions: 'all' })).toEqual([]);
    const page = expectStatus(await searchAs(tenant.ownerKey, { q: 'leping', limit: '1' }), 200, 'a first page');
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const foreign = await searchAs(key, { q: 'leping', limit: '1', cursor: page.body.nextCursor });
    expect(foreign.status).toBe(400);
  });
});

describe('GET /v1/search: bad input', () => {
  const path = (res: any) => res.body.errors?.map((e: { path: string }) => e.path);

  it.each([
    ['an empty q with no filter', { q: '' }, 'query.q'],
    ['no q and no filter', {}, 'query.q'],
    ['q over 500 characters', { q: 'a'.repeat(501) }, 'query.q'],
    ['more than 20 words', { q: Array.from({ length: 21 }, (_, i) => `sõna${i}`).join(' ') }, 'query.q'],
    ['only stop characters', { q: '*** ::: "" -' }, 'query.q'],
    ['an unknown type', { q: 'x', types: 'document,invoice' }, 'query.types'],
    ['a reversed time range', { q: 'x', from: '2026-12-31', to: '2026-01-01' }, 'query.from'],
    ['a forged cursor', { q: 'x', cursor: 'eyJzIjoieCJ9.Zm9yZ2Vk' }, 'query.cursor'],
  ])('refuses %s with a 400 naming the field', async (_, query, field) => {
    const res = await searchAs(tenant.ownerKey, query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(path(res).some((p: string) => p === field || p.startsWith(`${field}.`))).toBe(true);
  });

  it("refuses a record id of another tenant's as one that does not exist", async () => {
    const other = await newTenant('Kolmas OÜ');
    const lead = expectStatus(
      await call('POST', '/v1/leads', { key: other.ownerKey, body: { title: 'Võõras' } }),
      201,
      'a lead',
    ).body;
    const res = await searchAs(tenant.ownerKey, { q: 'x', recordId: lead.id });
    expect(res.status).toBe(400);
    expect(path(res)).toContain('query.recordId');
  });

  it.each(['a*b', 'nimi:väärtus', '(sulg', 'jutumärk"', 'kald\\kriips', 'OR AND NOT', '~1^2', "'; DROP", 'a%_b'])(
    'reads %s as text, never as engine syntax',
    async (q) => {
      const res = await searchAs(tenant.ownerKey, { q });
      expect(res.status).toBe(200);
    },
  );
});
