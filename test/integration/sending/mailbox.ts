import { inject } from 'vitest';

// The local SES service keeps every email it accepted; its JSON API is what its web page shows.

export interface StoredMail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; size: number }>;
}

export async function mailbox(): Promise<StoredMail[]> {
  const res = await fetch(`${inject('endpoints').ses}/store`);
  if (!res.ok) throw new Error(`local SES /store answered ${res.status}`);
  return ((await res.json()) as { emails: StoredMail[] }).emails;
}

/** Every email one address received (each test uses addresses of its own). */
export const mailTo = async (address: string): Promise<StoredMail[]> =>
  (await mailbox()).filter((m) => [...m.destination.to, ...m.destination.cc].some((t) => t.includes(address)));

export const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}@client.example`;
