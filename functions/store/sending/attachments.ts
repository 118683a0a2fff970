import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { AttachmentSource } from '#core/sending/ports';
import { bucketName, s3 } from '#store/aws/s3';

/** The whole object in memory: attachments are at most SES's 40 MB, far below the function's memory. */
export const s3Attachments: AttachmentSource = {
  async read(objectKey) {
    const { Body } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: objectKey }));
    if (!Body) throw new Error(`object ${objectKey} has no body`);
    return Body.transformToByteArray();
  },
};
