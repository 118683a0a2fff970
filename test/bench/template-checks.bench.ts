// Issue 21 budget: a save's checks (syntax, helpers, variables, custom fields, spelling) on a 5 KB
// template, p50 ≤ 50 ms with the dictionary loaded (a warm Lambda). Also reported: what loading
// each dictionary costs the first save in a process (time and memory), the first check of a text
// (before its words are memoised), and the checks with three misspellings, whose suggestions are
// budgeted apart from the checking (and kept per word, so only the first save pays for them).
import { checkTemplate, type CheckInput } from '#core/templates/check-template';
import { builtinContent } from '#core/templates/builtins';
import { spellerFor } from '#core/templates/spelling';
import { progress, report } from '#test/bench/lib/report';
import { median } from '#test/bench/lib/stats';

const RUNS = 40;
const invoice = builtinContent('invoice');

const ESTONIAN =
  '<p>Täname teid tellimuse eest. Arve tuleb tasuda maksetähtajaks viitenumbriga pangaülekandega. ' +
  'Käibemaksukohustuslase registreerimisnumber on märgitud arve jalusesse. Tarkvaraarenduse ja ' +
  'konsultatsiooniteenuste eest esitatud arved kehtivad lepingutingimuste kohaselt. Küsimuste korral ' +
  'palume ühendust võtta meie klienditoega, kes vastab tööpäevadel kahe tunni jooksul.</p>\n';
const ENGLISH =
  '<p>Thank you for your order. Please pay this invoice by the due date, quoting the reference number. ' +
  'Our registration and VAT numbers are printed in the footer of every page. Software development and ' +
  'consulting services are invoiced according to the terms of the agreement. If you have any questions, ' +
  'please contact our customer support, who answer within two hours on working days.</p>\n';

// An Estonian invoice skeleton (the built-ins' Estonian texts come from the locale packs, which a
// check never reads as text): headings, the line table, totals.
const ESTONIAN_INVOICE = `<h1>ARVE nr {{document.number}}</h1>
<p>Kuupäev: {{date document.date}}<br>Ostja: {{company.name}}, reg. kood {{company.registrationNumber}}</p>
<table><thead><tr><th>Nr</th><th>Kirjeldus</th><th>Kogus</th><th>Ühiku hind</th><th>Summa</th></tr></thead>
<tbody>{{#each lineItems}}<tr><td>{{position}}</td><td>{{name}}</td><td>{{number quantity}}</td>
<td>{{money unitPrice}}</td><td>{{money net}}</td></tr>{{/each}}</tbody></table>
<p>Kokku ilma käibemaksuta {{money totals.net}}, käibemaks {{money totals.tax}}, tasuda {{money totals.gross}}.</p>
<p>Viitenumber: {{record.custom.viitenumber}}</p>
`;

/** An invoice padded with prose to `bytes`. */
function template(skeleton: string, prose: string, bytes: number, typos = ''): string {
  let body = skeleton + typos;
  while (Buffer.byteLength(body) < bytes) body += prose;
  return body;
}

async function measure(name: string, input: CheckInput, budget: number | null) {
  // The first check in the process meets every word for the first time (later ones find repeated
  // words memoised, as a warm Lambda does for the words its tenants write again and again).
  const t = performance.now();
  await checkTemplate(input);
  report(`${name.replace(/-p50$/, '')}-first`, performance.now() - t, 'ms', null);
  const times: number[] = [];
  let warnings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    warnings = (await checkTemplate(input)).length;
    times.push(performance.now() - t0);
  }
  progress(`${name} samples (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
  report(name, median(times), 'ms', budget, {
    bytes: Buffer.byteLength(input.parts.body ?? ''),
    locale: input.locale,
    warnings,
    runs: RUNS,
  });
}

for (const [locale, lang] of [
  ['et-EE', 'et'],
  ['en-GB', 'en-GB'],
  ['en-US', 'en'],
] as const) {
  const rss = process.memoryUsage().rss;
  const t0 = performance.now();
  await spellerFor(locale);
  report(`template-checks-dictionary-load-${lang}`, performance.now() - t0, 'ms', null, {
    rssMb: Math.round((process.memoryUsage().rss - rss) / 1e6),
  });
}

const base = { entity: 'deal', kind: 'invoice', acceptedWords: [], customFields: { deal: ['viitenumber'] } } as const;
await measure(
  'template-checks-save-5kb-et-p50',
  { ...base, locale: 'et-EE', parts: { body: template(ESTONIAN_INVOICE, ESTONIAN, 5 * 1024) } },
  50,
);
await measure(
  'template-checks-save-5kb-en-p50',
  { ...base, locale: 'en-GB', parts: { body: template(invoice.body, ENGLISH, 5 * 1024), footer: invoice.footer } },
  50,
);
await measure(
  'template-checks-save-5kb-et-3-typos-p50',
  {
    ...base,
    locale: 'et-EE',
    parts: {
      body: template(
        ESTONIAN_INVOICE,
        ESTONIAN,
        5 * 1024,
        '<p>Pakkumine on kehtv, tasuda tähtajks, lugupidamsega.</p>',
      ),
    },
  },
  null,
);
