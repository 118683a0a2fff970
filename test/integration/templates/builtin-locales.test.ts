import { mkdirSync, writeFileSync } from 'node:fs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_PACKS } from '#templates/locales/index';
import { call, expectStatus, newTenant } from '../api-client';
import { mailTo, unique } from '../sending/mailbox';
import { download } from './helpers';

// Every built-in, in Estonian and English, generated through the API for a deal as an Estonian
// company has them: 40 lines at 22 % and 9 % VAT, õäöüšž in every name, a 150-character word; and
// an invoice in yen. DOSSIER_PDF_DIR=/some/dir keeps the PDFs, to render and look at them.

const profile = {
  legalName: 'Õunapuu Tarkvara OÜ',
  address: { street: 'Tartu mnt 1', city: 'Tallinn', postalCode: '10115', country: 'Eesti' },
  taxId: 'EE123456789',
  registrationNumber: '12345678',
  email: 'arved@ounapuu.example',
  phone: '+372 600 0000',
  bank: { name: 'Swedbank', iban: 'EE382200221020145685', bic: 'HABAEE2X' },
};
const LONG_WORD = 'Käibemaksukohustuslasedõäöüšž'.repeat(5) + 'X'.repeat(5);

async function pages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return (text as string[]).map((p) => p.replace(/\s+/g, ' '));
}

const money = (locale: string, currency: string, n: number) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n).replace(/\s/g, ' ');
const numericDate = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(iso),
  );

interface World {
  key: string;
  sequenceId: string;
  deal: any;
  jpyDeal: any;
  contact: any;
}
let w: World;

beforeAll(async () => {
  const t = await newTenant('Õunapuu');
  const key = t.ownerKey;
  expectStatus(await call('PATCH', '/v1/tenant', { key, headers: { 'if-match': '"1"' }, body: { profile } }), 200);
  const sequenceId = expectStatus(
    await call('POST', '/v1/sequences', {
      key,
      body: { name: 'Arved', prefix: '{YYYY}-', padding: 4, reset: 'yearly' },
    }),
    201,
  ).body.id;
  const company = expectStatus(
    await call('POST', '/v1/companies', {
      key,
      body: {
        name: 'Šokolaadi Äri OÜ',
        registrationNumber: '87654321',
        taxId: 'EE100200300',
        address: { street: 'Pärnu mnt 10', city: 'Tallinn', postalCode: '10148', country: 'Eesti' },
      },
    }),
    201,
  ).body;
  const contact = expectStatus(
    await call('POST', '/v1/contacts', {
      key,
      body: { firstName: 'Jüri', lastName: 'Žukovski', companyId: company.id, emails: [unique('juri')] },
    }),
    201,
  ).body;
  const lineItems = Array.from({ length: 40 }, (_, i) => ({
    name: i === 6 ? LONG_WORD : `Õppeplatvormi arendus ${i + 1} – šokolaad ja žürii`,
    quantity: (i % 3) + 1,
    unit: 'h',
    unitPrice: 12.5 + i,
    discount: i % 5 === 0 ? 10 : 0,
    taxRate: i % 2 ? 9 : 22,
  }));
  const deal = (currency: string, items: unknown[]) =>
    call('POST', '/v1/deals', {
      key,
      body: {
        title: 'Tarkvaraarendus ja hooldus',
        currency,
        lineItems: items,
        companyId: company.id,
        contactIds: [contact.id],
        expectedCloseDate: '2027-01-31',
      },
    });
  const yen = lineItems.slice(0, 5).map((l) => ({ ...l, unitPrice: Math.round(l.unitPrice * 160) }));
  w = {
    key,
    sequenceId,
    deal: expectStatus(await deal('EUR', lineItems), 201).body,
    jpyDeal: expectStatus(await deal('JPY', yen), 201).body,
    contact,
  };
}, 60_000);

async function generate(fromBuiltin: string, locale: string, record: { entity: string; id: string }) {
  const tpl = expectStatus(
    await call('POST', '/v1/templates', {
      key: w.key,
      body: { fromBuiltin, name: `${fromBuiltin} ${locale}`, locale, sequenceId: w.sequenceId },
    }),
    201,
  ).body;
  expect(tpl.locale).toBe(locale);
  const doc = expectStatus(
    await call('POST', '/v1/documents/generate', { key: w.key, body: { templateId: tpl.id, record } }),
    201,
  ).body;
  const bytes = await download(w.key, doc.id);
  if (process.env.DOSSIER_PDF_DIR) {
    mkdirSync(process.env.DOSSIER_PDF_DIR, { recursive: true });
    writeFileSync(`${process.env.DOSSIER_PDF_DIR}/${fromBuiltin}-${locale}-${record.entity}.pdf`, bytes);
  }
  const texts = await pages(bytes);
  return { doc, texts, text: texts.join(' '), number: doc.generated.number as string };
}

const dealRef = () => ({ entity: 'deal', id: w.deal.id });
const today = () => new Date().toISOString().slice(0, 10);
/** Words of the English pack a page could show (not emails, not what reads the same in Estonian). */
const ENGLISH = Object.entries(LOCALE_PACKS.en)
  .filter(([k, v]) => !k.startsWith('email.') && v !== LOCALE_PACKS.et[k] && !v.includes('{') && v.trim().length > 3)
  .map(([, v]) => v);

describe('built-in documents in Estonian and English, generated through the API', () => {
  it('the Estonian invoice: Estonian labels and dates, codes of both parties, the VAT, the IBAN in fours, the seller on every page, nothing English', async () => {
    const { texts, text, number } = await generate('invoice', 'et-EE', dealRef());
    const t = w.deal.totals;
    for (const s of [
      `ARVE ${number}`,
      `Arve nr ${number}`,
      `Kuupäev ${numericDate('et', today())}`,
      'Šokolaadi Äri OÜ',
      'Reg. kood 87654321',
      'KMKR nr EE100200300',
      'Jüri Žukovski',
      'Kirjeldus',
      'Kogus',
      `Summa käibemaksuta ${money('et', 'EUR', t.net)}`,
      `Kokku ${money('et', 'EUR', t.gross)}`,
      `Tasuda ${money('et', 'EUR', t.gross)}`,
      'Makseandmed',
      'IBAN EE38 2200 2210 2014 5685',
      'Pank Swedbank',
    ])
      expect(text).toContain(s);
    // VAT per rate once the render data has totals.taxes (issue 21 part 2); one VAT line before.
    if (text.includes('Käibemaks 22 %')) expect(text).toContain('Käibemaks 9 %');
    else expect(text).toContain(`Käibemaks ${money('et', 'EUR', t.tax)}`);
    expect(texts.length).toBeGreaterThan(1);
    texts.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(
        'Õunapuu Tarkvara OÜ · Reg. kood 12345678 · KMKR nr EE123456789 · Tartu mnt 1, 10115 Tallinn · IBAN EE38 2200 2210 2014 5685',
      );
      expect(page, `page ${i + 1}`).toContain(`Lehekülg ${i + 1}/${texts.length}`);
    });
    // The totals never stand alone: the last rows share their page.
    const last = texts.at(-1)!;
    expect(last).toContain('Tasuda');
    expect(last).toContain('Õppeplatvormi arendus 40 – šokolaad ja žürii');
    for (const word of ENGLISH) expect(text, word).not.toContain(word);
  });

  it('the English invoice: English labels, dates in the locale order, page N of M', async () => {
    const { texts, text, number } = await generate('invoice', 'en-GB', dealRef());
    for (const s of [
      `INVOICE ${number}`,
      `Invoice no. ${number}`,
      `Date ${numericDate('en-GB', today())}`,
      'Reg. code 87654321',
      'VAT no. EE100200300',
      `Total excl. VAT ${money('en-GB', 'EUR', w.deal.totals.net)}`,
      `Amount due ${money('en-GB', 'EUR', w.deal.totals.gross)}`,
      'IBAN EE38 2200 2210 2014 5685',
    ])
      expect(text).toContain(s);
    expect(texts[0]).toContain(`Page 1 of ${texts.length}`);
    expect(text).not.toContain('Maksetähtaeg');
  });

  it('the offer, the contract and the letter in Estonian and in English', async () => {
    const offer = await generate('offer', 'et-EE', dealRef());
    for (const s of [
      `HINNAPAKKUMINE ${offer.number}`,
      `Pakkumise nr ${offer.number}`,
      'Kehtib kuni 31.01.2027',
      'Lugupeetud Jüri Žukovski',
      'Tingimused',
      'Pakkumine kehtib kuni 31.01.2027.',
      'PAKKUMISE AKTSEPTEERIMINE',
      `Kokku ${money('et', 'EUR', w.deal.totals.gross)}`,
      'Lugupidamisega',
    ])
      expect(offer.text).toContain(s);
    for (const word of ENGLISH) expect(offer.text, word).not.toContain(word);

    const contract = await generate('contract', 'et-EE', dealRef());
    for (const s of [
      'LEPING',
      `Lepingu nr ${contract.number}`,
      'Koht Tallinn',
      'Käesoleva lepingu sõlmisid:',
      'TEENUSE OSUTAJA',
      'TELLIJA',
      'keda esindab Jüri Žukovski',
      'Lepingu ese',
      `Lepingu koguhind on ${money('et', 'EUR', w.deal.totals.gross)} koos käibemaksuga`,
      'TEENUSE OSUTAJA NIMEL',
      'TELLIJA NIMEL',
      'Nimi: Jüri Žukovski',
      'Ametikoht',
      'Allkiri',
    ])
      expect(contract.text).toContain(s);
    for (const word of ENGLISH) expect(contract.text, word).not.toContain(word);

    const letter = await generate('letter', 'et-EE', { entity: 'contact', id: w.contact.id });
    for (const s of [
      'Lugupeetud Jüri Žukovski',
      'Täname Teid!',
      'Lugupidamisega',
      `Kuupäev ${numericDate('et', today())}`,
    ])
      expect(letter.text).toContain(s);
    for (const word of ENGLISH) expect(letter.text, word).not.toContain(word);

    const enOffer = await generate('offer', 'en-GB', dealRef());
    expect(enOffer.text).toContain('Valid until 31/01/2027');
    expect(enOffer.text).toContain('Dear Jüri Žukovski,');
    const enContract = await generate('contract', 'en-GB', dealRef());
    expect(enContract.text).toContain('represented by Jüri Žukovski');
    expect(enContract.text).toContain('FOR THE CLIENT');
    const enLetter = await generate('letter', 'en-US', { entity: 'contact', id: w.contact.id });
    expect(enLetter.text).toContain('Kind regards');
    expect(enLetter.text).toContain(`Date ${numericDate('en-US', today())}`);
  });

  it('a yen invoice keeps 0 decimals in both languages', async () => {
    const gross = w.jpyDeal.totals.gross;
    expect(Number.isInteger(gross)).toBe(true);
    const et = await generate('invoice', 'et', { entity: 'deal', id: w.jpyDeal.id });
    expect(et.text).toContain(`Tasuda ${money('et', 'JPY', gross)}`);
    const en = await generate('invoice', 'en', { entity: 'deal', id: w.jpyDeal.id });
    expect(en.text).toContain(`Amount due ${money('en', 'JPY', gross)}`);
  });

  it('copying a built-in in a locale without a pack is a 400 naming it and listing et, en; nothing is saved', async () => {
    const before = expectStatus(await call('GET', '/v1/templates', { key: w.key }), 200).body.items.length;
    const res = expectStatus(
      await call('POST', '/v1/templates', {
        key: w.key,
        body: { fromBuiltin: 'invoice', name: 'Lasku', locale: 'fi-FI' },
      }),
      400,
    );
    expect(res.body.errors).toEqual([
      { path: 'body.locale', message: '"fi-FI" has no locale pack; available: et, en' },
    ]);
    expect(res.body.detail ?? res.body.title).toContain('fi-FI');
    expect(expectStatus(await call('GET', '/v1/templates', { key: w.key }), 200).body.items).toHaveLength(before);
  });
});

describe('built-in emails in the recipient language', () => {
  it('an Estonian invoice email: number and amount in the subject, the sender greeting kept alone, "attached"', async () => {
    const { doc, number } = await generate('invoice', 'et-EE', dealRef());
    const to = w.contact.emails[0];
    const sent = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: w.key,
        body: {
          to: [{ contactId: w.contact.id }],
          templateId: 'invoice',
          locale: 'et',
          message: 'Tere, Jüri!\n\nSaadame Teile detsembri arve.',
        },
      }),
      201,
    ).body;
    const mail = (await mailTo(to)).find((m) => m.subject === sent.subject)!;
    expect(
      mail.subject.replace(/\s/g, ' ').startsWith(`Arve ${number}, summa ${money('et', 'EUR', w.deal.totals.gross)}`),
    ).toBe(true);
    expect(mail.body.text!.match(/Tere/g)).toHaveLength(1);
    expect(mail.body.text).toContain('Saadame Teile detsembri arve.');
    expect(mail.body.text).toContain(`Manuses on ${doc.name}.`);
    expect(mail.body.text).toContain('Lugupidamisega');
    expect(mail.body.html).toContain('<html lang="et">');
  });

  it('a link in Estonian shows its expiry date and time in the tenant time zone; English is the default', async () => {
    const { doc, number } = await generate('invoice', 'et-EE', dealRef());
    const to = unique('link');
    const sent = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: w.key,
        body: { to: [{ email: to, name: 'Mari Mets' }], templateId: 'invoice', as: 'link', locale: 'et-EE' },
      }),
      201,
    ).body;
    const until = new Intl.DateTimeFormat('et-EE', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Tallinn',
      timeZoneName: 'shortGeneric',
    }).format(new Date(sent.linkExpiresAt));
    const [mail] = await mailTo(to);
    expect(mail.body.text).toContain('Tere, Mari Mets!');
    expect(mail.body.text).toContain(`Täname koostöö eest! Saadame Teile arve ${number} summas`);
    expect(mail.body.text).toContain(`Link kehtib kuni ${until}.`);
    expect(mail.body.text).not.toContain('Manuses');

    const plain = unique('en');
    expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: w.key,
        body: { to: [{ email: plain }], templateId: 'invoice' },
      }),
      201,
    );
    const [en] = await mailTo(plain);
    expect(
      en.subject.replace(/\s/g, ' ').startsWith(`Invoice ${number}, amount ${money('en', 'EUR', w.deal.totals.gross)}`),
    ).toBe(true);
    expect(en.body.text).toContain('Hello,');
  });

  it('a send locale without a pack is a 400 naming it and listing et, en; nothing is sent', async () => {
    const { doc } = await generate('invoice', 'et-EE', dealRef());
    const to = unique('fi');
    const res = expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, { key: w.key, body: { to: [{ email: to }], locale: 'fi' } }),
      400,
    );
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'body.locale', message: '"fi" has no locale pack; available: et, en' }),
    ]);
    expect(await mailTo(to)).toEqual([]);
    expect(expectStatus(await call('GET', `/v1/documents/${doc.id}/sends`, { key: w.key }), 200).body.items).toEqual(
      [],
    );
  });
});
