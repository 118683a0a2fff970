import { describe, expect, it } from 'vitest';
import { apiDocument } from '#infra/openapi-document';

// A generation still rendering after 10 s answers 202 with its job; clients generated from the
// document must know that answer, its body and where to poll.

describe('POST /v1/documents/generate in the OpenAPI document', () => {
  it('documents 201 with the document and 202 with the job and a Location to poll', () => {
    const doc = JSON.parse(JSON.stringify(apiDocument())) as Record<string, any>;
    const responses = doc.paths['/v1/documents/generate'].post.responses;
    expect(responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Document' });
    expect(responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Job' });
    expect(responses['202'].headers.Location).toEqual({ $ref: '#/components/headers/Location' });
    expect(responses['202'].description).toMatch(/GET \/v1\/jobs\/\{id\}/);
  });
});
