import { createHash } from 'node:crypto';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { JobObjects } from '#core/templates/ports';
import { bucketName, s3 } from '#store/aws/s3';

export const s3JobObjects: JobObjects = {
  async putJson(key, value) {
    await s3().send(
      new PutObjectCommand({
        Bucket: bucketName(),
        Key: key,
        Body: JSON.stringify(value),
        ContentType: 'application/json',
      }),
    );
  },
  async getJson(key) {
    const { Body } = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: key }));
    return JSON.parse(await Body!.transformToString('utf8'));
  },
  async putBytes(key, bytes, contentType) {
    // The checksum lets the finaliser read size and hash from one HEAD on S3.
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    await s3().send(
      new PutObjectCommand({
        Bucket: bucketName(),
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ChecksumSHA256: sha256,
      }),
    );
    return { size: bytes.byteLength, sha256 };
  },
  async deletePrefix(prefix) {
    const { Contents } = await s3().send(new ListObjectsV2Command({ Bucket: bucketName(), Prefix: prefix }));
    if (!Contents?.length) return;
    await s3().send(
      new DeleteObjectsCommand({ Bucket: bucketName(), Delete: { Objects: Contents.map((o) => ({ Key: o.Key! })) } }),
    );
  },
};
