// Presigning is an adapter (functions/store/aws/presign.ts); routes reach it through this port, so no
// route imports an AWS SDK and the pure core decides only what is signed, never how.

export interface UploadUrlRequest {
  objectKey: string;
  contentType: string;
  size: number;
  /** Base64 SHA-256: signed in, so S3 refuses bytes that do not match it. */
  sha256: string;
  /** Seconds; at most 15 minutes (core/documents/upload.ts). */
  expiresIn: number;
}

export interface SignedUpload {
  url: string;
  /** Every header signed into the URL: the client must send exactly these with its PUT. */
  headers: Record<string, string>;
}

export interface DownloadUrlRequest {
  objectKey: string;
  /** Seconds; at most 5 minutes (core/documents/download.ts). */
  expiresIn: number;
  contentType: string;
  contentDisposition: string;
}

export interface Presigner {
  upload(request: UploadUrlRequest): Promise<SignedUpload>;
  download(request: DownloadUrlRequest): Promise<string>;
}
