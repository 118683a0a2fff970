import { call, expectStatus } from '../api-client';
import { createRoute, startApproval, tasksOf, world, type World } from '../approvals/helpers';
import { uploadDocument } from '../documents/helpers';
import { mailTo, unique } from '../sending/mailbox';
import { eventually } from '#test/support/eventually';

// An approval as the pages meet it: two approvers with names and emails, a two-stage route, a PDF,
// and the token of the "Review and decide" button the first approver was mailed.

export interface Person {
  userId: string;
  email: string;
  key: string;
  name: string;
}

let n = 0;
export async function person(w: World, name: string, role = 'member'): Promise<Person> {
  const email = unique('approver');
  const userId = `usr-page-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await call('POST', '/v1/api-keys', {
    key: w.owner.key,
    body: { name: 'approver', role, userId, user: { name, email } },
  });
  return { userId, email, name, key: expectStatus(res, 201, 'creating a key').body.secret as string };
}

const TOKEN = /\/a\/(dal_[A-Za-z0-9_-]+)"/;

/** The link of the newest "Review and decide" button mailed to `who` (its path, /a/<token>). */
export const emailedLink = async (who: Person, count = 1) =>
  eventually(async () => {
    const links = (await mailTo(who.email)).flatMap((m) => {
      const token = TOKEN.exec(m.body.html ?? '')?.[1];
      return token ? [token] : [];
    });
    return links.length >= count ? links[count - 1] : undefined;
  });

/** A small PDF (the headless Chromium has no PDF viewer: the tests check the frame and the type). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export interface ApprovalWorld {
  w: World;
  ada: Person;
  bob: Person;
  doc: any;
  approval: any;
  task: any;
  token: string;
}

export async function approvalWorld(
  opts: { profile?: Record<string, unknown>; tenantName?: string; fileName?: string } = {},
): Promise<ApprovalWorld> {
  const w = await world();
  if (opts.profile || opts.tenantName)
    expectStatus(
      await call('PATCH', '/v1/tenant', {
        key: w.owner.key,
        body: { ...(opts.tenantName && { name: opts.tenantName }), ...(opts.profile && { profile: opts.profile }) },
      }),
      200,
      'setting the profile',
    );
  const [ada, bob] = [await person(w, 'Ada Lovelace'), await person(w, 'Bob Kask')];
  const route = await createRoute(w.owner.key, {
    name: 'Contracts',
    stages: [
      { name: 'Legal', mode: 'all', approvers: [{ userId: ada.userId }], deadline: 'P3D', onDeadline: 'remind' },
      { name: 'Board', mode: 'all', approvers: [{ userId: bob.userId }] },
    ],
  });
  const doc = await uploadDocument(w.owner.key, PDF, {
    fileName: opts.fileName ?? 'Service agreement 2026.pdf',
    contentType: 'application/pdf',
  });
  const approval = await startApproval(w.owner.key, doc.id, route.id);
  const [task] = await tasksOf(ada.key, approval.id);
  const token = await emailedLink(ada);
  return { w, ada, bob, doc, approval, task, token };
}

/** The hidden nonce of a page's forms. */
export const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)?.[1];

export const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
