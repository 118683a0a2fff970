import { systemClock } from '#core/clock';
import type { SendingDeps } from '#core/sending/ports';
import { dynamoDocumentsStore } from '#store/documents/documents-store';
import { s3Attachments } from '#store/sending/attachments';
import { dynamoSendingAllowance } from '#store/sending/allowance';
import { dynamoContactDirectory } from '#store/sending/contacts';
import { sesMailer } from '#store/sending/ses-mailer';
import { dynamoSendStore } from '#store/sending/sends-store';
import { dynamoTemplatesStore } from '#store/templates/templates-store';
import { dynamoRecordsStore } from '#store/records/records-store';

// The sending ports, shared by the documents API (sends) and the SES event handler (their fate).
export const sendingDeps: SendingDeps = {
  documents: dynamoDocumentsStore,
  attachments: s3Attachments,
  sends: dynamoSendStore,
  allowance: dynamoSendingAllowance,
  contacts: dynamoContactDirectory,
  mailer: sesMailer,
  templates: dynamoTemplatesStore,
  records: dynamoRecordsStore,
  clock: systemClock,
};
