import type { Acceptance } from '#core/sending/share-page';
import type { RenderedHtml } from '#core/templates/render-html';
import { PROFILE_DEFAULTS, tenantTimeZone, type TenantProfile } from '#core/tenancy/profile';

// The acceptance certificate (issue 23): one A4 page stating what was accepted, by whom, when, and
// the document's SHA-256 and version, in the document's language (Estonian or English). It is
// rendered by `render-pdf`, kept as a document related to the offer (`acceptance-certificate`)
// and mailed to the client who accepted.

export type CertificateLanguage = 'et' | 'en';

/** The document's locale when it was generated, else the tenant's; Estonian or English. */
export function certificateLanguage(documentLocale: string | undefined, profile?: TenantProfile): CertificateLanguage {
  const locale = documentLocale ?? profile?.locale ?? PROFILE_DEFAULTS.locale;
  return locale.toLowerCase().startsWith('et') ? 'et' : 'en';
}

const WORDS = {
  en: {
    title: 'Acceptance certificate',
    lead: (name: string, doc: string, tenant: string) => `${name} accepted the document “${doc}” sent by ${tenant}.`,
    signature:
      'The acceptance was given on the document’s page, reached through a personal link, by typing a name and ticking “I accept this offer”. It is recorded as a simple electronic signature.',
    document: 'Document',
    version: 'Version',
    sha256: 'SHA-256 (base64)',
    acceptedBy: 'Accepted by',
    email: 'Email',
    at: 'Time',
    ipHash: 'IP address (hashed)',
    userAgent: 'Browser',
    reference: 'Acceptance reference',
    issued: (tenant: string) => `Issued by Dossier on behalf of ${tenant}.`,
    subject: (doc: string) => `Your acceptance of “${doc}”: certificate`,
    mail: (name: string, doc: string, tenant: string) =>
      `Hello ${name},\n\nthank you: you accepted “${doc}” from ${tenant}. The certificate of your acceptance is attached.`,
  },
  et: {
    title: 'Nõustumise tõend',
    lead: (name: string, doc: string, tenant: string) =>
      `${name} nõustus dokumendiga „${doc}“, mille saatis ${tenant}.`,
    signature:
      'Nõusolek anti isikliku lingi kaudu avatud dokumendi lehel, sisestades nime ja märkides „Nõustun pakkumisega“. See on salvestatud lihtsa elektroonilise allkirjana.',
    document: 'Dokument',
    version: 'Versioon',
    sha256: 'SHA-256 (base64)',
    acceptedBy: 'Nõustuja',
    email: 'E-post',
    at: 'Aeg',
    ipHash: 'IP-aadress (räsi)',
    userAgent: 'Brauser',
    reference: 'Nõustumise viide',
    issued: (tenant: string) => `Väljastanud Dossier ettevõtte ${tenant} nimel.`,
    subject: (doc: string) => `Teie nõustumine: „${doc}“ – tõend`,
    mail: (name: string, doc: string, tenant: string) =>
      `Tere, ${name}!\n\nAitäh: nõustusite dokumendiga „${doc}“, mille saatis ${tenant}. Nõustumise tõend on lisatud.`,
  },
} as const;

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The time in the tenant's zone with the zone named, and below it the exact instant in UTC: a
 * certificate is read without context. (On one line the ISO instant broke at its hyphens.)
 */
function when(at: string, language: CertificateLanguage, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat(language === 'et' ? 'et-EE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone,
  }).format(new Date(at));
  return `${formatted} (${timeZone})\n${at.replace('T', ' ').replace(/Z$/, ' UTC')}`;
}

export interface CertificateInput {
  acceptance: Acceptance;
  documentName: string;
  tenantName: string;
  profile?: TenantProfile;
  language: CertificateLanguage;
}

/** The certificate's page, for `render-pdf`: nothing external (rendering has no network), the logo inlined. */
export function certificateHtml(input: CertificateInput): RenderedHtml {
  const { acceptance: a, language } = input;
  const w = WORDS[language];
  const tenant = input.profile?.legalName ?? input.tenantName;
  const timeZone = tenantTimeZone(input.profile);
  const rows: Array<[string, string, boolean?]> = [
    [w.document, input.documentName],
    [w.version, String(a.documentVersion)],
    [w.sha256, a.sha256, true],
    [w.acceptedBy, a.name],
    [w.email, a.email],
    [w.at, when(a.at, language, timeZone)],
    [w.ipHash, a.ipHash, true],
    [w.userAgent, a.userAgent || '—'],
    [w.reference, a.id, true],
  ];
  const logo = input.profile?.logo ? `<img class="logo" src="${escape(input.profile.logo)}" alt="">` : '';
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escape(w.title)}</title>
<style>
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0; }
  header { display: flex; justify-content: space-between; align-items: center; border-bottom: 2px solid #1a1a1a; padding-bottom: 8mm; }
  .tenant { font-size: 12pt; font-weight: bold; }
  .logo { max-height: 16mm; max-width: 60mm; }
  h1 { font-size: 20pt; margin: 12mm 0 6mm; }
  p { line-height: 1.5; margin: 0 0 4mm; }
  .lead { font-size: 12pt; }
  table { border-collapse: collapse; width: 100%; margin-top: 6mm; }
  th, td { text-align: left; vertical-align: top; padding: 2.5mm 3mm; border-bottom: 1px solid #d0d0d0; }
  th { width: 48mm; font-weight: normal; color: #555; }
  td.code { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; word-break: break-all; }
  footer { margin-top: 14mm; color: #555; font-size: 9pt; }
</style></head>
<body>
<header><span class="tenant">${escape(tenant)}</span>${logo}</header>
<h1>${escape(w.title)}</h1>
<p class="lead">${escape(w.lead(a.name, input.documentName, tenant))}</p>
<p>${escape(w.signature)}</p>
<table>
${rows.map(([k, v, code]) => `<tr><th scope="row">${escape(k)}</th><td${code ? ' class="code"' : ''}>${escape(v).replace(/\n/g, '<br>')}</td></tr>`).join('\n')}
</table>
<footer>${escape(w.issued(tenant))}</footer>
</body></html>`;
  return {
    html,
    header: '',
    footer: '',
    paper: {
      size: 'A4',
      orientation: 'portrait',
      margins: { top: '18mm', right: '18mm', bottom: '18mm', left: '18mm' },
    },
  };
}

/** The certificate's file name: the offer's name and the word, in the certificate's language. */
export function certificateFileName(documentName: string, language: CertificateLanguage): string {
  const base = documentName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base} – ${language === 'et' ? 'nõustumise tõend' : 'acceptance certificate'}.pdf`;
}

/** The email that carries the certificate to the client. */
export function certificateMail(input: CertificateInput): { subject: string; text: string; html: string } {
  const w = WORDS[input.language];
  const tenant = input.profile?.legalName ?? input.tenantName;
  const text = w.mail(input.acceptance.name, input.documentName, tenant);
  const html = text
    .split('\n\n')
    .map((p) => `<p>${escape(p)}</p>`)
    .join('\n');
  return {
    subject: w.subject(input.documentName),
    text,
    html: `<!doctype html><html lang="${input.language}"><body>${html}</body></html>`,
  };
}
