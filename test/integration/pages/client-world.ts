import { call, expectStatus, newTenant, type TestTenant } from '../api-client';
import { createDeal, uploadDocument } from '../documents/helpers';
import { mailTo, unique } from '../sending/mailbox';
import { eventually } from '#test/support/eventually';
import { PDF } from './approver-world';

// An offer as the client's page meets it: a tenant (optionally branded, with an acceptance stage),
// a deal, a PDF linked to it, sent by a named user or shared through a plain link.

export interface Offer {
  t: TestTenant;
  /** The key of the named user who sends. */
  sender: string;
  deal: any;
  doc: any;
  /** The deal pipeline's "won" stage, the tenant's acceptanceStageId when `stage` was asked. */
  won?: any;
}

export async function offerWorld(
  opts: { name?: string; profile?: Record<string, unknown>; stage?: boolean; fileName?: string } = {},
): Promise<Offer> {
  const t = await newTenant(opts.name ?? 'Näidis Ehitus OÜ');
  const body: Record<string, unknown> = {};
  if (opts.profile) body.profile = opts.profile;
  let won: any;
  if (opts.stage) {
    const pipelines = expectStatus(await call('GET', '/v1/pipelines', { key: t.ownerKey }), 200).body.items;
    won = pipelines.find((p: any) => p.entity === 'deal').stages.find((s: any) => s.semantics === 'won');
    body.acceptanceStageId = won.id;
  }
  if (Object.keys(body).length)
    expectStatus(await call('PATCH', '/v1/tenant', { key: t.ownerKey, body }), 200, 'setting up the tenant');
  const userId = `usr-sender-${Math.random().toString(36).slice(2, 8)}`;
  const sender = expectStatus(
    await call('POST', '/v1/api-keys', {
      key: t.ownerKey,
      body: { name: 'sales', role: 'admin', userId, user: { name: 'Mari Maasikas', email: unique('mari') } },
    }),
    201,
    'creating the sender',
  ).body.secret as string;
  const deal = await createDeal(t.ownerKey);
  const doc = await uploadDocument(sender, PDF, {
    fileName: opts.fileName ?? 'Pakkumine 2026-014.pdf',
    contentType: 'application/pdf',
    links: [{ entity: 'deal', id: deal.id }],
  });
  return { t, sender, deal, doc, won };
}

const TOKEN = /\/(?:v1\/shared|s)\/(dsh\.[A-Za-z0-9._-]+)/;

/** A link send asking for acceptance, to one address; the token as the client's email carries it. */
export async function sendOffer(o: Offer, to: string, acceptance = true): Promise<{ send: any; token: string }> {
  const send = expectStatus(
    await call('POST', `/v1/documents/${o.doc.id}/send`, {
      key: o.sender,
      body: { to: [{ email: to, name: 'Jane Client' }], as: 'link', acceptance, templateId: 'offer' },
    }),
    201,
    'sending the offer',
  ).body;
  const token = await eventually(async () => {
    const [mail] = await mailTo(to);
    return mail ? TOKEN.exec(mail.body.html ?? '')?.[1] : undefined;
  });
  return { send, token };
}

/** A plain share link (no recipient: the page asks for an email to accept). */
export async function shareOffer(o: Offer, body: Record<string, unknown> = {}): Promise<{ link: any; token: string }> {
  const link = expectStatus(
    await call('POST', `/v1/documents/${o.doc.id}/share-links`, { key: o.sender, body: { expiresIn: 3600, ...body } }),
    201,
    'sharing the offer',
  ).body;
  return { link, token: TOKEN.exec(link.url)![1] };
}

export const timeline = async (key: string, path: string) =>
  expectStatus(await call('GET', `${path}/timeline?limit=100`, { key }), 200).body.items as any[];

export const sendsOf = async (o: Offer) =>
  expectStatus(await call('GET', `/v1/documents/${o.doc.id}/sends`, { key: o.t.ownerKey }), 200).body.items as any[];
