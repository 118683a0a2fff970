import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALE_PACKS } from '#templates/locales/index';
import { BUILT_IN_EMAILS } from '#templates/email/index';
import { approvalTaskEmail } from '#templates/email/approval-task';
import { builtinContent } from '#core/templates/builtins';
import { checkTemplate } from '#core/templates/check-template';
import { renderPart } from '#core/templates/engine';
import { LANGUAGES, packLanguage, requirePack } from '#core/templates/locales';
import { renderHtml } from '#core/templates/render-html';
import { BUILTIN_NAMES } from '#core/templates/template';
import { opensWithGreeting } from '#core/sending/email-data';

const folder = new URL('../../../../templates/locales/', import.meta.url);
const render = (source: string, data: unknown = {}, locale = 'en-US', currency?: string) =>
  renderPart(undefined, source, data, { locale, currency });
const marks = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale packs', () => {
  it('every pack has every key another has, with the same {marks}, and no empty text', () => {
    const all = new Set(Object.values(LOCALE_PACKS).flatMap((p) => Object.keys(p)));
    for (const [language, pack] of Object.entries(LOCALE_PACKS)) {
      expect(
        [...all].filter((k) => !Object.hasOwn(pack, k)),
        `keys missing from ${language}.json`,
      ).toEqual([]);
      for (const [key, text] of Object.entries(pack)) {
        expect(text.trim(), `${language}.json ${key}`).not.toBe('');
        expect(marks(text), `${language}.json ${key}`).toEqual(marks(LOCALE_PACKS.en[key]));
      }
    }
  });

  it('every pack file in templates/locales/ is registered (a language is its file plus its line)', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(LOCALE_PACKS).sort());
    for (const f of files)
      expect(JSON.parse(readFileSync(new URL(f, folder), 'utf8'))).toEqual(LOCALE_PACKS[f.slice(0, -5)]);
  });

  it('every {{t}} key a built-in uses is in the packs', () => {
    const sources = [
      ...BUILTIN_NAMES.flatMap((n) => {
        const c = builtinContent(n);
        return [c.body, c.header, c.footer];
      }),
      ...Object.values(BUILT_IN_EMAILS).flatMap((e) => [e.subject, e.html]),
      approvalTaskEmail.subject,
      approvalTaskEmail.html,
    ].join('\n');
    const used = [...sources.matchAll(/\{\{t "([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !Object.hasOwn(LOCALE_PACKS.en, k))).toEqual([]);
  });

  it('the built-ins read only the data model (no typo hides in a built-in): no unknown variable at all', async () => {
    for (const name of BUILTIN_NAMES) {
      const c = builtinContent(name);
      const warnings = await checkTemplate({
        entity: c.entity,
        locale: 'en-US',
        parts: { body: c.body, header: c.header, footer: c.footer },
        acceptedWords: [],
      });
      const unknown = warnings.map((w) => (w as { text?: string }).text ?? w.kind);
      expect(unknown, name).toEqual([]);
    }
  });

  it('resolves a locale to its language, falling back to English; a built-in locale without a pack is a 400 listing et, en', () => {
    expect(LANGUAGES).toEqual(['et', 'en']);
    expect([packLanguage('et-EE'), packLanguage('en-GB'), packLanguage('EN'), packLanguage('fi-FI')]).toEqual([
      'et',
      'en',
      'en',
      undefined,
    ]);
    expect(() => requirePack('fi-FI', 'locale')).toThrow(/"fi-FI".*available: et, en/);
  });
});

describe('{{t}}, {{date … style="numeric"}}, {{iban}}, {{markdown}}', () => {
  it('reads the pack of the template locale language, fills {marks} from the hash, and falls back to English', () => {
    expect(render('{{t "invoice.dueDate"}}', {}, 'et-EE')).toBe('Maksetähtaeg');
    expect(render('{{t "invoice.dueDate"}}', {}, 'en-US')).toBe('Due date');
    expect(render('{{t "invoice.dueDate"}}', {}, 'fi-FI')).toBe('Due date');
    const subject = '{{t "email.invoice.subject" number=n amount=(money 31207.45) dueDate=(date d style="numeric")}}';
    expect(render(subject, { n: '2026-0001', d: '2026-12-20' }, 'et-EE', 'EUR')).toBe(
      'Arve 2026-0001, summa 31\u00a0207,45\u00a0€, tähtaeg 20.12.2026',
    );
    // Values are escaped like any other output.
    expect(render('{{t "common.dear" name=n}}', { n: '<b>Jüri</b>' }, 'en')).toBe('Dear &lt;b&gt;Jüri&lt;/b&gt;,');
    expect(() => render('{{t "invoice.nope"}}', {}, 'et')).toThrow(/Unknown locale key "invoice.nope"/);
  });

  it('prints numeric dates in the locale order, and an instant with its time in a time zone', () => {
    const d = { d: '2026-12-06', at: '2026-12-14T12:00:00.000Z' };
    expect(render('{{date d style="numeric"}}', d, 'et-EE')).toBe('06.12.2026');
    expect(render('{{date d "numeric"}}', d, 'en-US')).toBe('12/06/2026');
    expect(render('{{date d style="numeric"}}', d, 'en-GB')).toBe('06/12/2026');
    expect(render('{{date at style="datetime" timeZone="Europe/Tallinn"}}', d, 'et')).toBe('14.12.2026, 14:00 (Eesti)');
    // A zone Intl does not know prints UTC rather than failing the render.
    expect(render('{{date at style="datetime" timeZone="Mars/Base"}}', d, 'en-GB')).toBe('14/12/2026, 12:00 GMT+0');
  });

  it('groups an IBAN in fours', () => {
    expect(render('{{iban x}}', { x: 'ee382200221020145685' })).toBe('EE38 2200 2210 2014 5685');
    expect(render('{{iban x}}', { x: 'DE89 3704 0044 0532 0130 00' })).toBe('DE89 3704 0044 0532 0130 00');
    expect(render('[{{iban x}}]', {})).toBe('[]');
  });

  it('turns Markdown-lite into paragraphs, lists and bold, escaping everything else', () => {
    const text = 'Tere!\n\n**1. Ese.** Töö <script>x</script>\nteine rida\n\n- üks\n- kaks\n\n1. esimene\n2) teine';
    expect(render('{{markdown x}}', { x: text })).toBe(
      [
        '<p>Tere!</p>',
        '<p><strong>1. Ese.</strong> Töö &lt;script&gt;x&lt;/script&gt;<br>teine rida</p>',
        '<ul><li>üks</li><li>kaks</li></ul>',
        '<ol><li>esimene</li><li>teine</li></ol>',
      ].join('\n'),
    );
    expect(render('{{markdown x}}', { x: '<img src=x onerror=alert(1)> **' })).toBe(
      '<p>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; **</p>',
    );
  });
});

describe('greetings in the sender message', () => {
  it('knows a message that opens with its own greeting', () => {
    for (const m of [
      'Tere, Jüri!\n\nSaadame arve.',
      'Hello Jane,\n\nplease…',
      'Lugupeetud klient',
      'Hea Mari!',
      'Dear all,',
    ])
      expect(opensWithGreeting(m), m).toBe(true);
    for (const m of [
      undefined,
      '',
      'Saadame Teile arve.',
      'Hea meel on teatada, et meie uus hinnakiri kehtib alates jaanuarist.',
      'Hiking trip invoice attached',
    ])
      expect(opensWithGreeting(m), String(m)).toBe(false);
  });
});

// The built-in documents with the invoice data of issue 21 (engineer G's render data adds these
// fields on its branch; here they are given directly) and without them (the data of today).
const full = {
  record: { title: 'Tarkvaraarendus ja hooldus' },
  company: {
    name: 'Šokolaadi Äri OÜ',
    registrationNumber: '87654321',
    taxId: 'EE100200300',
    address: { street: 'Pärnu mnt 10', postalCode: '10148', city: 'Tallinn', country: 'Eesti' },
  },
  contact: { fullName: 'Jüri Žukovski', position: 'juhatuse liige' },
  lineItems: [
    {
      position: 1,
      name: 'Õppeplatvormi arendus',
      quantity: 10,
      unit: 'h',
      unitPrice: 80,
      discount: 0,
      taxRate: 22,
      net: 800,
    },
    { position: 2, name: 'Raamat', quantity: 2, unit: 'tk', unitPrice: 25, discount: 10, taxRate: 9, net: 45 },
  ],
  totals: {
    net: 845,
    tax: 180.05,
    gross: 1025.05,
    taxes: [
      { rate: 22, category: 'S', net: 800, tax: 176 },
      { rate: 9, category: 'S', net: 45, tax: 4.05 },
    ],
  },
  currency: 'EUR',
  tenant: {
    name: 'Õunapuu',
    legalName: 'Õunapuu Tarkvara OÜ',
    registrationNumber: '12345678',
    taxId: 'EE123456789',
    address: { street: 'Tartu mnt 1', postalCode: '10115', city: 'Tallinn', country: 'Eesti' },
    bank: { name: 'Swedbank', iban: 'EE382200221020145685', bic: 'HABAEE2X' },
  },
  document: {
    number: '2026-0001',
    date: '2026-12-06',
    issueDate: '2026-12-06',
    dueDate: '2026-12-20',
    deliveryDate: '2026-12-05',
    paymentTermDays: 14,
    referenceNumber: '20260001',
    draft: false,
    name: 'Arve',
    text: 'Tere!\n\n**Pooled** lepivad kokku:\n\n- üks\n- kaks',
  },
  payment: { qr: 'data:image/svg+xml;base64,PHN2Zy8+' },
  user: { id: 'usr_1', name: 'Mari Maasikas' },
};

const text = (html: string) =>
  html
    .replace(/<style>[^]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .replace(/&#x27;/g, "'");

describe('the built-in documents in Estonian', () => {
  const html = (name: (typeof BUILTIN_NAMES)[number], data: Record<string, unknown>, locale = 'et-EE') => {
    const r = renderHtml({ ...builtinContent(name), locale }, data);
    return { body: text(r.html), footer: text(r.footer), header: text(r.header), raw: r.html };
  };

  it('print an invoice with what an Estonian invoice carries, and nothing English', () => {
    const { body, footer, raw } = html('invoice', full);
    for (const label of [
      'ARVE 2026-0001',
      'Arve nr 2026-0001',
      'Kuupäev 06.12.2026',
      'Tarnekuupäev 05.12.2026',
      'Maksetähtaeg 20.12.2026',
      'Viitenumber 20260001',
      'Reg. kood 87654321',
      'KMKR nr EE100200300',
      'Summa käibemaksuta 845,00 €',
      'Käibemaks 22 % summalt 800,00 € 176,00 €',
      'Käibemaks 9 % summalt 45,00 € 4,05 €',
      'Kokku 1025,05 €',
      'Tasuda 1025,05 €',
      'Palume tasuda 1025,05 € hiljemalt 20.12.2026.',
      'IBAN EE38 2200 2210 2014 5685',
      'Makse QR-kood',
    ])
      expect(body).toContain(label);
    expect(raw).toContain('<img src="data:image/svg+xml;base64,PHN2Zy8+"');
    expect(footer).toContain(
      'Õunapuu Tarkvara OÜ · Reg. kood 12345678 · KMKR nr EE123456789 · Tartu mnt 1, 10115 Tallinn · IBAN EE38 2200 2210 2014 5685',
    );
    expect(footer).toContain('Lehekülg');
    const english = Object.entries(LOCALE_PACKS.en)
      .filter(
        ([k, v]) => !k.startsWith('email.') && v !== LOCALE_PACKS.et[k] && !v.includes('{') && v.trim().length > 3,
      )
      .map(([, v]) => v);
    for (const word of english) expect(`${body} ${footer}`, word).not.toContain(word);
  });

  it('mark a draft MUSTAND without a number, and print when the invoice data of issue 21 is absent', () => {
    const draft = html('invoice', {
      ...full,
      document: { ...full.document, number: '', draft: true, referenceNumber: undefined },
    });
    expect(draft.body).toContain('MUSTAND');
    expect(draft.header).toContain('MUSTAND');
    expect(draft.body).not.toContain('2026-0001');
    const today = html('invoice', {
      ...full,
      totals: { net: 845, tax: 180.05, gross: 1025.05 },
      document: { number: '2026-0002', date: '2026-12-06', name: 'Arve' },
      payment: undefined,
      user: { id: 'usr_1', role: 'owner' },
    });
    expect(today.body).toContain('Kuupäev 06.12.2026');
    expect(today.body).toMatch(/Käibemaks 180,05/);
    // Estonian groups thousands from five digits on (CLDR): 1025,05 €, 31 207,45 €.
    expect(today.body).toContain('Palume tasuda 1025,05 € 14 päeva jooksul.');
    expect(today.body).not.toContain('Maksetähtaeg');
  });

  it('name a reverse-charge rate and explain it', () => {
    const taxes = [...full.totals.taxes, { rate: 0, category: 'AE', net: 100, tax: 0 }];
    const { body } = html('invoice', { ...full, totals: { ...full.totals, taxes } });
    expect(body).toContain('Pöördmaksustamine summalt 100,00 € 0,00 €');
    expect(body).toContain('Pöördmaksustamine: käibemaksu tasub ostja.');
    expect(body).not.toContain('Käibemaks 0 %');
  });

  it('print the offer, the contract and the letter in Estonian, and the same in English', () => {
    const offer = html('offer', full).body;
    expect(offer).toContain('HINNAPAKKUMINE 2026-0001');
    expect(offer).toContain('Kehtib kuni 20.12.2026');
    expect(offer).toContain('Pakkumise aktsepteerimine');
    const contract = html('contract', full).body;
    for (const s of [
      'LEPING Tarkvaraarendus ja hooldus Lepingu nr 2026-0001',
      'Koht Tallinn',
      'keda esindab Mari Maasikas',
      'keda esindab Jüri Žukovski, juhatuse liige',
      'Ametikoht',
      'Allkiri',
    ])
      expect(contract).toContain(s);
    expect(html('contract', full).raw).toContain('<ul><li>üks</li><li>kaks</li></ul>');
    const letter = html('letter', full).body;
    expect(letter).toContain('Lugupidamisega');
    expect(letter).toContain('Pooled lepivad kokku');
    const en = html('invoice', full, 'en-GB');
    expect(en.body).toContain('INVOICE 2026-0001');
    expect(en.body).toContain('Due date 20/12/2026');
    expect(en.body).toContain('VAT 22%');
    expect(en.footer).toContain('Reg. code 12345678');
    expect(html('contract', full, 'en').body).toContain('represented by Mari Maasikas');
  });
});
