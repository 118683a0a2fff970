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
    new Date(`${iso}T00:00:00Z`),
  );
/** Today where the tenant is (the issue date is the tenant's date, Europe/Tallinn by default). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Line {
  quantity: number;
  unitPrice: number;
  discount?: number;
  taxRate: number;
  taxCategory?: string;
}
/** ISO 4217 minor units of the currencies used here. */
const DECIMALS: Record<string, number> = { EUR: 2, JPY: 0, KWD: 3, CLF: 4 };
/** n / d rounded half away from zero, in integers (so that a credit mirrors an invoice). */
const divRound = (n: number, d: number) => Math.sign(n) * Math.floor((2 * Math.abs(n) + d) / (2 * d));

/**
 * The totals as an accountant works them out, here and not by the code under test: each line's net
 * in minor units (its discount rounded on its own), the nets summed per rate, and each rate's VAT
 * rounded once on that sum. Amounts come back in major units.
 */
function expectedTotals(lines: Line[], currency: string) {
  const unit = 10 ** DECIMALS[currency];
  const byRate = new Map<string, { rate: number; category: string; net: number }>();
  for (const l of lines) {
    const qp = l.quantity * Math.round(l.unitPrice * unit);
    const net = qp - divRound(qp * (l.discount ?? 0), 100);
    const category = l.taxCategory ?? (l.taxRate > 0 ? 'S' : 'Z');
    const k = `${category}|${l.taxRate}`;
    const g = byRate.get(k) ?? { rate: l.taxRate, category, net: 0 };
    g.net += net;
    byRate.set(k, g);
  }
  const taxes = [...byRate.values()].map((g) => ({ ...g, tax: divRound(g.net * g.rate, 100) }));
  const net = taxes.reduce((a, g) => a + g.net, 0);
  const tax = taxes.reduce((a, g) => a + g.tax, 0);
  return {
    net: net / unit,
    tax: tax / unit,
    gross: (net + tax) / unit,
    taxes: taxes.map((g) => ({ ...g, net: g.net / unit, tax: g.tax / unit })),
  };
}

/** The Estonian 7-3-1 reference number of a document number: its digits plus the check digit. */
function referenceNumber(documentNumber: string): string {
  const digits = documentNumber.replace(/\D/g, '').slice(-19);
  const sum = [...digits].reverse().reduce((a, d, i) => a + Number(d) * [7, 3, 1][i % 3], 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** A rate's VAT line as the built-ins print it: "Käibemaks 22 % summalt 800,00 € 176,00 €". */
function vatLine(
  language: 'et' | 'en',
  locale: string,
  currency: string,
  g: { rate: number; category: string; net: number; tax: number },
) {
  const named: Record<string, string> = {
    AE: 'items.reverseCharge',
    E: 'totals.exempt',
    K: 'totals.intraCommunity',
    G: 'totals.export',
    O: 'totals.outOfScope',
  };
  const label = Object.hasOwn(named, g.category)
    ? LOCALE_PACKS[language][named[g.category]]
    : LOCALE_PACKS[language]['totals.vatRate'].replace('{rate}', String(g.rate));
  const on = LOCALE_PACKS[language]['totals.vatOn'].replace('{amount}', money(locale, currency, g.net));
  return `${label} ${on} ${money(locale, currency, g.tax)}`;
}

interface World {
  key: string;
  sequenceId: string;
  deal: any;
  jpyDeal: any;
  contact: any;
  lines: Line[];
  yen: Line[];
  /** A deal of the same company and contact with these lines. */
  dealOf: (currency: string, lines: Array<Line & { name: string }>) => Promise<any>;
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
    lines: lineItems,
    yen,
    dealOf: async (currency, items) => expectStatus(await deal(currency, items), 201).body,
  };
}, 60_000);

async function generate(
  fromBuiltin: string,
  locale: string,
  record: { entity: string; id: string },
  extra: Record<string, unknown> = {},
  tag = record.entity,
) {
  const tpl = expectStatus(
    await call('POST', '/v1/templates', {
      key: w.key,
      body: { fromBuiltin, name: `${fromBuiltin} ${locale}`, locale, sequenceId: w.sequenceId },
    }),
    201,
  ).body;
  expect(tpl.locale).toBe(locale);
  const doc = expectStatus(
    await call('POST', '/v1/documents/generate', { key: w.key, body: { templateId: tpl.id, record, ...extra } }),
    201,
  ).body;
  const bytes = await download(w.key, doc.id);
  if (process.env.DOSSIER_PDF_DIR) {
    mkdirSync(process.env.DOSSIER_PDF_DIR, { recursive: true });
    writeFileSync(`${process.env.DOSSIER_PDF_DIR}/${fromBuiltin}-${locale}-${tag}.pdf`, bytes);
  }
  const texts = await pages(bytes);
  return { doc, texts, text: texts.join(' '), number: doc.generated.number as string };
}

const dealRef = () => ({ entity: 'deal', id: w.deal.id });
const occurrences = (text: string, s: string) => text.split(s).length - 1;
/** Words of the English pack a page could show (not emails, not what reads the same in Estonian). */
const ENGLISH = Object.entries(LOCALE_PACKS.en)
  .filter(([k, v]) => !k.startsWith('email.') && v !== LOCALE_PACKS.et[k] && !v.includes('{') && v.trim().length > 3)
  .map(([, v]) => v);

describe('built-in documents in Estonian and English, generated through the API', () => {
  it('the Estonian invoice: Estonian labels and dates, codes of both parties, the VAT, the IBAN in fours, the seller on every page, nothing English', async () => {
    const { texts, text, number } = await generate('invoice', 'et-EE', dealRef());
    const t = expectedTotals(w.lines, 'EUR');
    expect(t.taxes.map((g) => g.rate).sort()).toEqual([22, 9]);
    for (const s of [
      `ARVE ${number}`,
      `Arve nr ${number}`,
      `Kuupäev ${numericDate('et', today())}`,
      `Maksetähtaeg ${numericDate('et', plusDays(today(), 14))}`,
      `Viitenumber ${referenceNumber(number)}`,
      'Šokolaadi Äri OÜ',
      'Reg. kood 87654321',
      'KMKR nr EE100200300',
      'Jüri Žukovski',
      'Kirjeldus',
      'Kogus',
      `Summa käibemaksuta ${money('et', 'EUR', t.net)}`,
      ...t.taxes.map((g) => vatLine('et', 'et', 'EUR', g)),
      `Kokku ${money('et', 'EUR', t.gross)}`,
      `Tasuda ${money('et', 'EUR', t.gross)}`,
      `Palume tasuda ${money('et', 'EUR', t.gross)} hiljemalt ${numericDate('et', plusDays(today(), 14))}.`,
      'Makseandmed',
      'IBAN EE38 2200 2210 2014 5685',
      'Pank Swedbank',
    ])
      expect(text).toContain(s);
    // The API's deal totals follow the same rule as the printed ones.
    expect(w.deal.totals).toMatchObject({ net: t.net, tax: t.tax, gross: t.gross });
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
    // The reference number once, with the payment details; the sender, who has no name, not as an id.
    expect(occurrences(text, referenceNumber(number))).toBe(1);
    expect(text).toMatch(new RegExp(`Makseandmed .*Viitenumber ${referenceNumber(number)}`));
    expect(text).not.toContain('usr_');
  });

  it('the English invoice: English labels, dates in the locale order, page N of M', async () => {
    const { texts, text, number } = await generate('invoice', 'en-GB', dealRef());
    const t = expectedTotals(w.lines, 'EUR');
    for (const s of [
      `INVOICE ${number}`,
      `Invoice no. ${number}`,
      `Date ${numericDate('en-GB', today())}`,
      'Reg. code 87654321',
      'VAT no. EE100200300',
      `Due date ${numericDate('en-GB', plusDays(today(), 14))}`,
      `Reference no. ${referenceNumber(number)}`,
      `Total excl. VAT ${money('en-GB', 'EUR', t.net)}`,
      ...t.taxes.map((g) => vatLine('en', 'en-GB', 'EUR', g)),
      `Amount due ${money('en-GB', 'EUR', t.gross)}`,
      'IBAN EE38 2200 2210 2014 5685',
    ])
      expect(text).toContain(s);
    expect(texts[0]).toContain(`Page 1 of ${texts.length}`);
    expect(text).not.toContain('Maksetähtaeg');
    expect(occurrences(text, referenceNumber(number))).toBe(1);
    expect(text).toMatch(new RegExp(`Payment .*Reference no. ${referenceNumber(number)}`));
    expect(text).not.toContain('usr_');
  });

  it('a draft invoice in Estonian and English says it is not for payment: no number, reference, QR, payment request or amount due; the seller with their IBAN in the footer', async () => {
    for (const [locale, says, absent] of [
      [
        'et-EE',
        ['ARVE', 'MUSTAND – ei kuulu tasumisele.', `Kokku ${money('et', 'EUR', expectedTotals(w.lines, 'EUR').gross)}`],
        ['Palume tasuda', 'hiljemalt', 'Tasuda', 'Makseandmed', 'Viitenumber', 'maksekorraldusele', 'Makse QR-kood'],
      ],
      [
        'en-GB',
        ['INVOICE', 'DRAFT – not for payment.', `Total ${money('en-GB', 'EUR', expectedTotals(w.lines, 'EUR').gross)}`],
        ['Please pay', 'Amount due', 'Payment', 'Reference no.', 'Please quote', 'Scan to pay'],
      ],
    ] as const) {
      const { doc, texts, text } = await generate('invoice', locale, dealRef(), { draft: true }, 'draft');
      expect(doc.generated.number).toBeUndefined();
      for (const s of says) expect(text, `${locale}: ${s}`).toContain(s);
      for (const s of absent) expect(text, `${locale}: ${s}`).not.toContain(s);
      expect(text).not.toMatch(/\d{4}-\d{4}/);
      texts.forEach((page, i) => expect(page, `${locale} page ${i + 1}`).toContain('IBAN EE38 2200 2210 2014 5685'));

      // Its email, too, is for review: it says so and asks for no payment by any date.
      const to = unique(`draft-${locale.slice(0, 2)}`);
      expectStatus(
        await call('POST', `/v1/documents/${doc.id}/send`, {
          key: w.key,
          body: { to: [{ email: to, name: 'Jüri Žukovski' }], templateId: 'invoice' },
        }),
        201,
      );
      const [mail] = await mailTo(to);
      const p = LOCALE_PACKS[locale.slice(0, 2)];
      expect(mail.subject).toBe(p['email.invoice.subjectDraft'].replace('{tenant}', 'Õunapuu'));
      expect(mail.body.text).toContain(p['email.invoice.leadDraft']);
      expect(mail.body.text).toContain(p['invoice.draftNotPayable']);
      const due = p['email.invoice.due'].split('{')[0];
      expect(mail.body.text).not.toContain(due);
      if (process.env.DOSSIER_PDF_DIR)
        writeFileSync(
          `${process.env.DOSSIER_PDF_DIR}/email-draft-${locale}.txt`,
          `Subject: ${mail.subject}\n\n${mail.body.text}`,
        );
    }
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
      ...expectedTotals(w.lines, 'EUR').taxes.map((g) => vatLine('et', 'et', 'EUR', g)),
      `Kokku ${money('et', 'EUR', expectedTotals(w.lines, 'EUR').gross)}`,
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
      `Lepingu koguhind on ${money('et', 'EUR', expectedTotals(w.lines, 'EUR').gross)} koos käibemaksuga`,
      ...expectedTotals(w.lines, 'EUR').taxes.map((g) => vatLine('et', 'et', 'EUR', g)),
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

    const written = await generate(
      'letter',
      'et-EE',
      { entity: 'contact', id: w.contact.id },
      {
        text: 'Tere, Jüri!\n\nKinnitame **uue hinnakirja** alates 1. jaanuarist:\n\n- tunnihind 80 €\n- hooldus 200 € kuus',
      },
      'text',
    );
    for (const s of [
      'Tere, Jüri!',
      'Kinnitame uue hinnakirja alates 1. jaanuarist:',
      'tunnihind 80 €',
      'Lugupidamisega',
    ])
      expect(written.text).toContain(s);
    expect(written.text).not.toContain('Lugupeetud');
    // The sender has no name: their user id is no signature.
    expect(written.text).not.toContain('usr_');
    const terms = await generate(
      'contract',
      'et-EE',
      dealRef(),
      {
        text: '**1. Töö tegemine.** Teenuse osutaja arendab õppeplatvormi tellija juhiste järgi.\n\n**2. Tasumine.** Tellija tasub:\n\n1. ettemaksu 30 %;\n2. ülejäänu pärast üleandmist.',
      },
      'text',
    );
    for (const s of [
      '1. Töö tegemine. Teenuse osutaja arendab õppeplatvormi tellija juhiste järgi.',
      'ettemaksu 30 %;',
      'ülejäänu pärast üleandmist.',
      'TELLIJA NIMEL',
    ])
      expect(terms.text).toContain(s);
    // The request's terms replace the built-in clauses.
    expect(terms.text).not.toContain('Kumbki pool võib lepingu');

    const enOffer = await generate('offer', 'en-GB', dealRef());
    expect(enOffer.text).toContain('Valid until 31/01/2027');
    for (const g of expectedTotals(w.lines, 'EUR').taxes)
      expect(enOffer.text).toContain(vatLine('en', 'en-GB', 'EUR', g));
    expect(enOffer.text).toContain('Dear Jüri Žukovski,');
    const enContract = await generate('contract', 'en-GB', dealRef());
    expect(enContract.text).toContain('represented by Jüri Žukovski');
    expect(enContract.text).toContain('FOR THE CLIENT');
    for (const g of expectedTotals(w.lines, 'EUR').taxes)
      expect(enContract.text).toContain(vatLine('en', 'en-GB', 'EUR', g));
    const enLetter = await generate('letter', 'en-US', { entity: 'contact', id: w.contact.id });
    expect(enLetter.text).toContain('Kind regards');
    expect(enLetter.text).toContain(`Date ${numericDate('en-US', today())}`);
    // The sender has no name: nothing stands in for it (not their user id).
    for (const { text } of [offer, contract, letter, written, terms, enOffer, enContract, enLetter])
      expect(text).not.toContain('usr_');
  });

  it('the yen invoice, offer and contract in both languages: 0 decimals, VAT per rate, reference number', async () => {
    const t = expectedTotals(w.yen, 'JPY');
    expect(Number.isInteger(t.gross)).toBe(true);
    expect(t.taxes).toHaveLength(2);
    const yen = { entity: 'deal', id: w.jpyDeal.id };
    for (const [language, locale, labels] of [
      ['et', 'et', { due: 'Tasuda', ref: 'Viitenumber', total: 'Kokku' }],
      ['en', 'en', { due: 'Amount due', ref: 'Reference no.', total: 'Total' }],
    ] as const) {
      const invoice = await generate('invoice', locale, yen, {}, 'jpy');
      for (const s of [
        `${labels.due} ${money(locale, 'JPY', t.gross)}`,
        `${labels.ref} ${referenceNumber(invoice.number)}`,
        ...t.taxes.map((g) => vatLine(language, locale, 'JPY', g)),
      ])
        expect(invoice.text, `${locale} invoice`).toContain(s);
      for (const builtin of ['offer', 'contract']) {
        const { text } = await generate(builtin, locale, yen, {}, 'jpy');
        for (const g of t.taxes) expect(text, `${locale} ${builtin}`).toContain(vatLine(language, locale, 'JPY', g));
        expect(text, `${locale} ${builtin}`).toContain(money(locale, 'JPY', t.gross));
      }
    }
  });

  it('prints every edge of the tax rules exactly on the Estonian invoice: mixed and 0 % rates, reverse charge with its note, exempt with its reason, intra-community, a credit line', async () => {
    const lines = [
      { name: 'Arendus', quantity: 3, unitPrice: 33.33, discount: 5, taxRate: 22 },
      { name: 'Raamat', quantity: 7, unitPrice: 9.99, taxRate: 9 },
      { name: 'Postikulu', quantity: 1, unitPrice: 4.5, taxRate: 0 },
      { name: 'Konsultatsioon Soome', quantity: 2, unitPrice: 150, taxRate: 0, taxCategory: 'AE' },
      { name: 'Kreedit: eelmise arve vahe', quantity: 1, unitPrice: -20.05, taxRate: 22 },
      {
        name: 'Koolitus',
        quantity: 1,
        unitPrice: 200,
        taxRate: 0,
        taxCategory: 'E',
        taxExemptionReason: 'KMS § 16 lg 2 p 6',
      },
      { name: 'Tarkvara Lätti', quantity: 1, unitPrice: 120, taxRate: 0, taxCategory: 'K' },
    ];
    const deal = await w.dealOf('EUR', lines);
    const t = expectedTotals(lines, 'EUR');
    expect(t.taxes).toHaveLength(6);
    const { text } = await generate('invoice', 'et-EE', { entity: 'deal', id: deal.id }, {}, 'edge');
    for (const s of [
      ...t.taxes.map((g) => vatLine('et', 'et', 'EUR', g)),
      'Käibemaks 0 % summalt 4,50 € 0,00 €',
      'Pöördmaksustamine summalt 300,00 € 0,00 €',
      'Pöördmaksustamine: käibemaksu tasub ostja.',
      'Maksuvaba käive summalt 200,00 € 0,00 €',
      'Ühendusesisene käive summalt 120,00 € 0,00 €',
      'Koolitus KMS § 16 lg 2 p 6',
      money('et', 'EUR', -20.05),
      `Summa käibemaksuta ${money('et', 'EUR', t.net)}`,
      `Tasuda ${money('et', 'EUR', t.gross)}`,
    ])
      expect(text).toContain(s);
    expect(deal.totals).toMatchObject({ net: t.net, tax: t.tax, gross: t.gross });
    // The VAT column names a line's category where its rate alone (0 %) would not tell which it is.
    for (const row of [
      'Postikulu 1 4,50 € 0 % 4,50 €',
      'Konsultatsioon Soome 2 150,00 € pöördmaks 300,00 €',
      'Koolitus KMS § 16 lg 2 p 6 1 200,00 € maksuvaba 200,00 €',
      'Tarkvara Lätti 1 120,00 € 0 % (EL) 120,00 €',
    ])
      expect(text).toContain(row);
    const en = await generate('invoice', 'en-GB', { entity: 'deal', id: deal.id }, {}, 'edge');
    for (const row of [
      'Postikulu 1 €4.50 0% €4.50',
      'Konsultatsioon Soome 2 €150.00 reverse charge €300.00',
      'Koolitus KMS § 16 lg 2 p 6 1 €200.00 exempt €200.00',
      'Tarkvara Lätti 1 €120.00 0% (EU) €120.00',
    ])
      expect(en.text).toContain(row);
    expect(en.text).toContain('VAT reverse charge');
  });

  it('rounds VAT once per rate: ten lines of 0,07 € at 22 % carry 0,15 € of VAT, not 0,20 €', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({
      name: `Kleeps ${i + 1}`,
      quantity: 1,
      unitPrice: 0.07,
      taxRate: 22,
    }));
    expect(expectedTotals(lines, 'EUR').tax).toBe(0.15);
    const deal = await w.dealOf('EUR', lines);
    const { text } = await generate('invoice', 'et-EE', { entity: 'deal', id: deal.id }, {}, 'cents');
    expect(text).toContain('Käibemaks 22 % summalt 0,70 € 0,15 €');
    expect(text).toContain('Tasuda 0,85 €');
  });

  it('prints each currency in its own minor unit: JPY 0, KWD 3, CLF 4 decimals', async () => {
    for (const [currency, unitPrice] of [
      ['JPY', 1999],
      ['KWD', 12.345],
      ['CLF', 1.2345],
    ] as const) {
      const lines = [
        { name: 'Teenus', quantity: 3, unitPrice, discount: 10, taxRate: 22 },
        { name: 'Raamat', quantity: 1, unitPrice, taxRate: 9 },
      ];
      const t = expectedTotals(lines, currency);
      const deal = await w.dealOf(currency, lines);
      const { text } = await generate('invoice', 'et', { entity: 'deal', id: deal.id }, {}, currency);
      for (const s of [
        ...t.taxes.map((g) => vatLine('et', 'et', currency, g)),
        `Tasuda ${money('et', currency, t.gross)}`,
      ])
        expect(text, currency).toContain(s);
      const decimals = money('et', currency, t.gross).match(/,(\d+)/)?.[1].length ?? 0;
      expect(decimals, currency).toBe(DECIMALS[currency]);
    }
  });

  it("copying a built-in without a locale takes the tenant profile's language; a tenant without one keeps en-US", async () => {
    const t = await newTenant('Keel');
    const copy = async (body: Record<string, unknown>) =>
      expectStatus(await call('POST', '/v1/templates', { key: t.ownerKey, body }), 201).body;
    expect((await copy({ fromBuiltin: 'invoice', name: 'Invoice' })).locale).toBe('en-US');
    expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: t.ownerKey,
        headers: { 'if-match': '"1"' },
        body: { profile: { locale: 'et' } },
      }),
      200,
    );
    expect((await copy({ fromBuiltin: 'invoice', name: 'Arve' })).locale).toBe('et');
    // A locale given still wins, and a template of one's own keeps the documented default.
    expect((await copy({ fromBuiltin: 'invoice', name: 'Invoice', locale: 'en-GB' })).locale).toBe('en-GB');
    expect((await copy({ name: 'Oma', kind: 'other', entity: 'deal', body: '<p>{{record.title}}</p>' })).locale).toBe(
      'en-US',
    );
  });

  it('refuses a {{t}} key no locale pack has at save: 400 with part, line and column; nothing is saved', async () => {
    const before = expectStatus(await call('GET', '/v1/templates', { key: w.key }), 200).body.items.length;
    const res = expectStatus(
      await call('POST', '/v1/templates', {
        key: w.key,
        body: {
          name: 'Arve',
          kind: 'invoice',
          entity: 'deal',
          locale: 'et-EE',
          body: '<h1>{{t "invoice.title"}}</h1>\n<p>{{t "invoice.dueDate"}}: {{t "invoice.viitenumbr"}}</p>',
        },
      }),
      400,
    );
    expect(res.body.errors).toEqual([
      {
        path: 'body.body',
        part: 'body',
        line: 2,
        column: 33,
        message: 'The locale packs have no text "invoice.viitenumbr" (templates/locales/).',
      },
    ]);
    expect(expectStatus(await call('GET', '/v1/templates', { key: w.key }), 200).body.items).toHaveLength(before);
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

  it('a link in Estonian shows its expiry date and time in the tenant time zone; without a send locale the document language speaks', async () => {
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
    expect(mail.body.text).toContain(`Vaadake või laadige alla: ${doc.name}`);
    expect(mail.body.text).toContain(`Link kehtib kuni ${until}.`);
    expect(mail.body.text).not.toContain('Manuses');

    // No send locale: the language the document was generated in (send → generated → profile → en).
    const plain = unique('plain');
    expectStatus(
      await call('POST', `/v1/documents/${doc.id}/send`, {
        key: w.key,
        body: { to: [{ email: plain }], templateId: 'invoice' },
      }),
      201,
    );
    const [et] = await mailTo(plain);
    const gross = expectedTotals(w.lines, 'EUR').gross;
    expect(et.subject.replace(/\s/g, ' ').startsWith(`Arve ${number}, summa ${money('et', 'EUR', gross)}`)).toBe(true);
    expect(et.body.text).toContain('Tere!');
  });

  it('every built-in email in both languages, for the 40-line deal and the yen deal: number, amount, due date, reference number', async () => {
    const due = plusDays(today(), 14);
    for (const [language, locale] of [
      ['et', 'et-EE'],
      ['en', 'en-GB'],
    ] as const) {
      const p = LOCALE_PACKS[language];
      const fill = (key: string, values: Record<string, string>) =>
        p[key].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
      for (const [deal, lines, currency] of [
        [w.deal, w.lines, 'EUR'],
        [w.jpyDeal, w.yen, 'JPY'],
      ] as const) {
        const amount = money(locale, currency, expectedTotals(lines, currency).gross);
        const record = { entity: 'deal', id: deal.id };
        // Sent without a locale: each email speaks its document's language.
        const send = async (docId: string, templateId: string) => {
          const to = unique(`${templateId}-${language}`);
          expectStatus(
            await call('POST', `/v1/documents/${docId}/send`, {
              key: w.key,
              body: { to: [{ email: to, name: 'Jüri Žukovski' }], templateId },
            }),
            201,
          );
          const [mail] = await mailTo(to);
          if (process.env.DOSSIER_PDF_DIR)
            writeFileSync(
              `${process.env.DOSSIER_PDF_DIR}/email-${templateId}-${locale}-${currency}.txt`,
              `Subject: ${mail.subject}\n\n${mail.body.text}\n\n${mail.body.html}`,
            );
          return { subject: mail.subject.replace(/\s/g, ' '), text: mail.body.text!.replace(/\s+/g, ' '), mail };
        };
        const what = `${language} ${currency}`;

        const invoice = await generate('invoice', locale, record, {}, `mail-${currency}`);
        const inv = await send(invoice.doc.id, 'invoice');
        expect(inv.subject, what).toBe(
          fill('email.invoice.subject', { number: invoice.number, amount, dueDate: numericDate(locale, due) }),
        );
        expect(inv.text, what).toContain(fill('email.dear', { name: 'Jüri Žukovski' }));
        expect(inv.text, what).toContain(fill('email.invoice.lead', { number: invoice.number, amount }));
        expect(inv.text, what).toContain(fill('email.invoice.due', { dueDate: numericDate(locale, due) }));
        expect(inv.text, what).toContain(
          fill('email.invoice.reference', { reference: referenceNumber(invoice.number) }),
        );
        expect(inv.text, what).toContain(fill('email.attached', { name: invoice.doc.name }));
        expect(inv.mail.body.html, what).toContain(`<html lang="${locale}">`);

        const offer = await generate('offer', locale, record, {}, `mail-${currency}`);
        const off = await send(offer.doc.id, 'offer');
        expect(off.subject, what).toContain(fill('email.offer.subject', { number: offer.number, tenant: '' }).trim());
        expect(off.text, what).toContain(fill('email.offer.lead', { amount }));

        const contract = await generate('contract', locale, record, {}, `mail-${currency}`);
        const con = await send(contract.doc.id, 'contract');
        expect(con.subject, what).toContain(
          fill('email.contract.subject', { number: contract.number, tenant: '' }).trim(),
        );
        expect(con.text, what).toContain(p['email.contract.lead']);

        const doc = await send(invoice.doc.id, 'document');
        expect(doc.text, what).toContain(p['email.regards']);
        expect(doc.subject, what).toContain(invoice.doc.name);
      }
    }
  }, 60_000); // 12 documents and 16 emails: over the default 20 s on a loaded machine

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
