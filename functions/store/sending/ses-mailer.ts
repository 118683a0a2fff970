import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import { config, secret } from '#config';
import { MailNotSent, type Mailer, type OutgoingMail } from '#core/sending/ports';
import { ses } from '#store/sending/ses';

// The MIME message is built by nodemailer's composer (headers encoded, names quoted, attachments
// base64) and handed to SES v2 as Raw content, so what SES sends is exactly what was measured.

/** SES said "not now" (or could not be reached): the same message may go later. */
const RETRYABLE = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'SendingPausedException',
  'TimeoutError',
]);

function notSent(e: unknown): MailNotSent {
  const error = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = error.$metadata?.httpStatusCode;
  if (status === undefined || status >= 500 || RETRYABLE.has(error.name ?? ''))
    return new MailNotSent(`SES is unavailable (${error.name ?? error.code ?? 'network error'})`, true);
  return new MailNotSent(`SES refused the message: ${error.name}${error.message ? `: ${error.message}` : ''}`, false);
}

export const sesMailer: Mailer = {
  fromAddress: () => secret('MAIL_FROM_ADDRESS'),

  async compose(mail: OutgoingMail) {
    const composer = new MailComposer({
      from: mail.from,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      to: mail.to.map((r) => ({ name: r.name ?? '', address: r.address })),
      cc: mail.cc.map((r) => ({ name: r.name ?? '', address: r.address })),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: (mail.attachments ?? []).map((a) => ({
        filename: a.fileName,
        contentType: a.contentType,
        content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      })),
    });
    return new Uint8Array(await composer.compile().build());
  },

  async send(raw, mail) {
    const { SES_CONFIGURATION_SET } = config();
    try {
      const out = await ses().send(
        new SendEmailCommand({
          FromEmailAddress: mail.from.address,
          Destination: { ToAddresses: mail.to.map((r) => r.address), CcAddresses: mail.cc.map((r) => r.address) },
          Content: { Raw: { Data: raw } },
          EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value })),
          ...(SES_CONFIGURATION_SET ? { ConfigurationSetName: SES_CONFIGURATION_SET } : {}),
        }),
      );
      if (!out.MessageId) throw new MailNotSent('SES answered without a message id', true);
      return { messageId: out.MessageId };
    } catch (e) {
      throw e instanceof MailNotSent ? e : notSent(e);
    }
  },
};
