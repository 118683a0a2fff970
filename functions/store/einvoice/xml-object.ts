import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, s3 } from '#store/aws/s3';

/** A stored XML's bytes as text (an e-invoice is a few hundred KB at most). */
export const s3XmlObjects = {
  async read(objectKey: string): Promise<string> {
    const { Body } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: objectKey }));
    if (!Body) throw new Error(`object ${objectKey} has no body`);
    return Body.transformToString('utf8');
  },
};
