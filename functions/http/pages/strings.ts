// What the pages say, in Estonian and English. Estonian as an Estonian company writes it: formal
// "teie" only where a sentence needs a person, dates 06.12.2026.

import { localDayAndTime } from '#core/local-time';
import { PROFILE_DEFAULTS } from '#core/tenancy/profile';

export const PAGE_LANGUAGES = ['et', 'en'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const et = {
  languageName: 'Eesti keeles',
  otherLanguage: 'In English',
  approvalTitle: 'Kinnitamine',
  details: 'Andmed',
  document: 'Dokument',
  version: 'Versioon',
  checksum: 'SHA-256',
  size: 'Suurus',
  route: 'Kinnitusring',
  stages: 'Etapid',
  stage: 'Etapp',
  current: 'käimas',
  deadline: 'Tähtaeg',
  noDeadline: 'tähtaega pole',
  assignee: 'Otsustaja',
  decisions: 'Otsused',
  noDecisions: 'Keegi pole veel otsustanud.',
  approved: 'kinnitas',
  rejected: 'lükkas tagasi',
  viewDocument: 'Dokument',
  pdfFrameTitle: 'Dokumendi eelvaade',
  download: 'Laadi alla',
  noInlineView: 'Seda faili ei saa lehel näidata. Laadige see alla.',
  tooLargeInline: 'Fail on lehel näitamiseks liiga suur. Laadige see alla.',
  yourDecision: 'Teie otsus',
  approve: 'Kinnitan',
  reject: 'Lükkan tagasi',
  comment: 'Kommentaar',
  commentHint: 'Tagasi lükates on kommentaar kohustuslik.',
  commentRequired: 'Kirjutage, miks te dokumendi tagasi lükkate.',
  decisionRequired: 'Valige, kas kinnitate või lükkate tagasi.',
  delegateTitle: 'Anna otsustamine üle',
  delegateTo: 'Kellele',
  delegate: 'Anna üle',
  delegateChoose: 'Valige kasutaja, kellele otsustamise üle annate.',
  noCandidates: 'Tenantil pole teisi aktiivseid kasutajaid, kellele otsustamist üle anda.',
  resultApproved: 'Te kinnitasite dokumendi',
  resultRejected: 'Te lükkasite dokumendi tagasi',
  resultDelegated: 'Otsustamine on üle antud',
  delegatedTo: 'Otsustab nüüd',
  nextStage: 'Järgmine etapp',
  approvalDone: 'Kinnitusring on lõppenud.',
  approvalStopped: 'Dokument lükati tagasi: kinnitusring lõpeb siin ja saatja saab sellest teada.',
  approvalWaits: 'Etapis ootame veel teiste otsuseid.',
  yourComment: 'Teie kommentaar',
  at: 'Aeg',
  notFoundTitle: 'Linki ei leitud',
  notFoundText: 'See link ei ole kehtiv. Kontrollige, et kopeerisite kirjast kogu lingi.',
  goneTitle: 'Link ei ole enam kasutatav',
  closedText: 'Selle ülesande kohta on otsus juba tehtud.',
  closedBy: (who: string, when: string) => `Otsustas ${who}, ${when}.`,
  closedWhen: (when: string) => `Otsus tehti ${when}.`,
  taskClosedStatus: (status: string) =>
    ({ voided: 'Kinnitamine tühistati.', not_required: 'Teie otsust enam ei vajata.' })[status],
  expiredText: (when: string) => `Link aegus ${when}. Küsige saatjalt uus link.`,
  revokedText: (when: string) => `Link tühistati ${when}. Küsige saatjalt uus link.`,
  versionText: (link: number, current: number) =>
    `Link kehtis dokumendi versioonile ${link}, kuid nüüd on dokumendil versioon ${current}. Küsige saatjalt uus link.`,
  tooManyTitle: 'Liiga palju päringuid',
  tooManyText: 'Sellelt aadressilt või selle lingiga on tehtud liiga palju päringuid. Proovige minuti pärast uuesti.',
  badRequestTitle: 'Päringut ei saanud täita',
  badRequestText: 'Avage leht uuesti kirjas olevast lingist ja proovige uuesti.',
  formExpired: 'Vorm ei pärine sellelt lehelt. Avage leht uuesti kirjas olevast lingist ja otsustage seal.',
  methodText: 'Sellel aadressil seda toimingut teha ei saa.',
  errorTitle: 'Midagi läks valesti',
  footer: 'Saadetud Dossieri kaudu',
  fieldError: 'Viga',
  // The client's page (/s/{token}).
  sentToYou: 'Teile saadetud',
  from: 'Saatja',
  sentBy: 'Saatis',
  acceptTitle: 'Nõustumine pakkumisega',
  acceptIntro:
    'Kinnitamiseks sisestage oma nimi ja märkige ruut. Teie nimi, aeg ja dokumendi kontrollsumma salvestatakse lihtsa elektroonilise allkirjana.',
  yourName: 'Teie nimi',
  yourEmail: 'Teie e-posti aadress',
  emailHint: 'Sellele aadressile saadame nõustumise tõendi.',
  acceptCheckbox: 'Nõustun pakkumisega',
  acceptButton: 'Kinnitan',
  declineTitle: 'Pakkumisest loobumine',
  declineReason: 'Loobumise põhjus',
  declineButton: 'Loobun pakkumisest',
  nameRequired: 'Sisestage oma nimi.',
  nameTooLong: 'Nimes võib olla kuni 200 märki.',
  nameOneLine: 'Nimi peab olema ühel real ja ilma juhtmärkideta.',
  namePlain: 'Nimi peab olema lihttekst, ilma märkideta < > ja HTML-olemiteta.',
  emailRequired: 'Sisestage e-posti aadress, millele saame tõendi saata.',
  reasonRequired: 'Kirjutage, miks te pakkumisest loobute.',
  reasonTooLong: 'Põhjuses võib olla kuni 2000 märki.',
  confirmRequired: 'Nõustumiseks märkige ruut „Nõustun pakkumisega“.',
  acceptedTitle: 'Aitäh! Olete pakkumisega nõustunud',
  declinedTitle: 'Olete pakkumisest loobunud',
  certificateSent: (email: string) => `Nõustumise tõend saadetakse aadressile ${email}.`,
  declineNoted: 'Saatja saab teie vastusest teada.',
  alreadyAccepted: (name: string, when: string) => `${name} nõustus pakkumisega ${when}.`,
  alreadyDeclined: (name: string, when: string) => `${name} loobus pakkumisest ${when}.`,
  answeredText: (accepted: boolean, when: string) =>
    accepted ? `Pakkumisega on juba nõustutud (${when}).` : `Pakkumisest on juba loobutud (${when}).`,
  answeredTitle: 'Pakkumisele on juba vastatud',
  usedUpText: 'Selle lingi kaudu on dokumenti avatud lubatud arv kordi. Küsige saatjalt uus link.',
  offerVersionText: (link: number, current: number) =>
    `Pakkumist ei saa selle lingi kaudu kinnitada: link saadeti dokumendi versiooniga ${link}, kuid nüüd on dokumendil uuem versioon ${current}. Küsige saatjalt uus link.`,
  notAskedText: 'Selle lingi kaudu pakkumisele vastata ei saa.',
  signerName: 'Nimi',
  signerEmail: 'E-post',
  answeredAt: 'Aeg',
  clientFormExpired: 'Vorm ei pärine sellelt lehelt. Avage leht uuesti kirjas olevast lingist ja vastake seal.',
};

export type PageStrings = typeof et;

const en: PageStrings = {
  languageName: 'In English',
  otherLanguage: 'Eesti keeles',
  approvalTitle: 'Approval',
  details: 'Details',
  document: 'Document',
  version: 'Version',
  checksum: 'SHA-256',
  size: 'Size',
  route: 'Approval route',
  stages: 'Stages',
  stage: 'Stage',
  current: 'in progress',
  deadline: 'Deadline',
  noDeadline: 'no deadline',
  assignee: 'Approver',
  decisions: 'Decisions',
  noDecisions: 'Nobody has decided yet.',
  approved: 'approved',
  rejected: 'rejected',
  viewDocument: 'Document',
  pdfFrameTitle: 'Preview of the document',
  download: 'Download',
  noInlineView: 'This file cannot be shown in the page. Download it to read it.',
  tooLargeInline: 'This file is too large to show in the page. Download it to read it.',
  yourDecision: 'Your decision',
  approve: 'Approve',
  reject: 'Reject',
  comment: 'Comment',
  commentHint: 'A comment is required to reject.',
  commentRequired: 'Write why you reject the document.',
  decisionRequired: 'Choose whether you approve or reject.',
  delegateTitle: 'Hand the decision over',
  delegateTo: 'To',
  delegate: 'Hand over',
  delegateChoose: 'Choose the user you hand the decision to.',
  noCandidates: 'There is no other active user to hand the decision to.',
  resultApproved: 'You approved the document',
  resultRejected: 'You rejected the document',
  resultDelegated: 'The decision has been handed over',
  delegatedTo: 'Now deciding',
  nextStage: 'Next stage',
  approvalDone: 'The approval is complete.',
  approvalStopped: 'The document was rejected: the approval stops here, and the sender is told.',
  approvalWaits: 'The stage is still waiting for other decisions.',
  yourComment: 'Your comment',
  at: 'Time',
  notFoundTitle: 'Link not found',
  notFoundText: 'This link is not valid. Check that you copied the whole link from the email.',
  goneTitle: 'This link can no longer be used',
  closedText: 'This task has already been decided.',
  closedBy: (who: string, when: string) => `Decided by ${who} on ${when}.`,
  closedWhen: (when: string) => `Decided on ${when}.`,
  taskClosedStatus: (status: string) =>
    ({ voided: 'The approval was voided.', not_required: 'Your decision is no longer needed.' })[status],
  expiredText: (when: string) => `The link expired on ${when}. Ask the sender for a new one.`,
  revokedText: (when: string) => `The link was revoked on ${when}. Ask the sender for a new one.`,
  versionText: (link: number, current: number) =>
    `The link was for version ${link} of the document, which is now at version ${current}. Ask the sender for a new link.`,
  tooManyTitle: 'Too many requests',
  tooManyText: 'Too many requests came from this address or with this link. Try again in a minute.',
  badRequestTitle: 'The request could not be completed',
  badRequestText: 'Open the page again from the link in the email and try again.',
  formExpired: 'The form did not come from this page. Open the page again from the link in the email and decide there.',
  methodText: 'This address does not take that action.',
  errorTitle: 'Something went wrong',
  footer: 'Sent through Dossier',
  fieldError: 'Error',
  // The client's page (/s/{token}).
  sentToYou: 'Sent to you',
  from: 'From',
  sentBy: 'Sent by',
  acceptTitle: 'Accept the offer',
  acceptIntro:
    'To accept, type your name and tick the box. Your name, the time and the checksum of the document are recorded as a simple electronic signature.',
  yourName: 'Your name',
  yourEmail: 'Your email address',
  emailHint: 'We send the acceptance certificate to this address.',
  acceptCheckbox: 'I accept this offer',
  acceptButton: 'Accept',
  declineTitle: 'Decline the offer',
  declineReason: 'Why you decline',
  declineButton: 'Decline the offer',
  nameRequired: 'Type your name.',
  nameTooLong: 'The name may have at most 200 characters.',
  nameOneLine: 'The name must be one line, without control characters.',
  namePlain: 'The name must be plain text, without < > or HTML entities.',
  emailRequired: 'Type the email address we can send the certificate to.',
  reasonRequired: 'Say why you decline the offer.',
  reasonTooLong: 'The reason may have at most 2000 characters.',
  confirmRequired: 'To accept, tick “I accept this offer”.',
  acceptedTitle: 'Thank you: you accepted the offer',
  declinedTitle: 'You declined the offer',
  certificateSent: (email: string) => `The acceptance certificate is being emailed to ${email}.`,
  declineNoted: 'The sender is told of your answer.',
  alreadyAccepted: (name: string, when: string) => `${name} accepted this offer on ${when}.`,
  alreadyDeclined: (name: string, when: string) => `${name} declined this offer on ${when}.`,
  answeredText: (accepted: boolean, when: string) =>
    accepted ? `This offer was already accepted on ${when}.` : `This offer was already declined on ${when}.`,
  answeredTitle: 'This offer has already been answered',
  usedUpText:
    'The document has been opened through this link as many times as it allows. Ask the sender for a new link.',
  offerVersionText: (link: number, current: number) =>
    `The offer cannot be accepted through this link: it was sent with version ${link} of the document, which now has a newer version ${current}. Ask the sender for a new link.`,
  notAskedText: 'This link does not ask for an answer to the offer.',
  signerName: 'Name',
  signerEmail: 'Email',
  answeredAt: 'Time',
  clientFormExpired:
    'The form did not come from this page. Open the page again from the link in the email and answer there.',
};

export const STRINGS: Record<PageLanguage, PageStrings> = { et, en };

export const isPageLanguage = (s: unknown): s is PageLanguage =>
  typeof s === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(s);

/** `?lang=`, else the document's locale, else the tenant's, else English. */
export function pageLanguage(...candidates: Array<string | undefined>): PageLanguage {
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    if (isPageLanguage(base)) return base;
  }
  return 'en';
}

/** A date and time as people in the language write it, in the tenant's zone: 06.12.2026 14:30 / 6 December 2026, 14:30. */
export function formatTime(iso: string, lang: PageLanguage, timeZone: string = PROFILE_DEFAULTS.timeZone): string {
  const at = localDayAndTime(iso, lang, timeZone);
  if (!at) return iso;
  return lang === 'et' ? `${at.day} ${at.time}` : `${at.day}, ${at.time}`;
}

/** Bytes as a reader sizes a file: 1,2 MB / 1.2 MB. */
export function formatSize(bytes: number, lang: PageLanguage): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  const text = u === 0 ? String(n) : n.toFixed(1);
  return `${lang === 'et' ? text.replace('.', ',') : text} ${units[u]}`;
}
