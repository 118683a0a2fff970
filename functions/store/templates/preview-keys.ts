// Where previews over the inline cap wait and the tag that expires them: shared by the writer
// (preview-objects.ts), the bucket's lifecycle rule (infra/constructs/data.ts) and its local twin
// (infra/local/preview-lifecycle.ts), which must not load the S3 client to know them.

/** The tag the lifecycle rule filters on; S3 expires by whole days. */
export const PREVIEW_EXPIRY_TAG = { key: 'dossier-expire', value: '1d' } as const;
export const PREVIEW_TTL_MS = 24 * 3600 * 1000;
export const previewPrefix = (tenantId: string) => `t/${tenantId}/previews/`;
/** Any tenant's preview key. */
export const PREVIEW_KEY = /^t\/[^/]+\/previews\/[^/]+$/;
