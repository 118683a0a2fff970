import { describe, expect, it } from 'vitest';
import { requestHash } from '#http/idempotency';
import { ifMatchVersions, noneMatchHits } from '#http/request';

const hash = (body: string, rawQueryString = '', rawPath = '/v1/companies') =>
  requestHash({ routeKey: 'POST /v1/companies', rawPath, rawQueryString, body });

describe('the Idempotency-Key request hash (v2)', () => {
  it('is the same for the same JSON in another key order, spacing or number spelling', () => {
    const base = hash('{"name":"A","tags":["x","y"],"customFields":{"a":1,"b":{"c":true,"d":null}}}');
    expect(base.startsWith('v2:')).toBe(true);
    expect(
      hash('{ "customFields": { "b": { "d": null, "c": true }, "a": 1.0 },\n "tags": ["x", "y"], "name": "A" }'),
    ).toBe(base);
  });

  it('differs for another value, array order, path or query, and an absent body is {}', () => {
    const base = hash('{"tags":["x","y"]}');
    expect(hash('{"tags":["y","x"]}')).not.toBe(base);
    expect(hash('{"tags":["x","y"]}', '', '/v1/contacts')).not.toBe(base);
    expect(hash('{"tags":["x","y"]}', 'dryRun=true')).not.toBe(base);
    expect(hash('', 'a=1&b=2')).toBe(hash('{}', 'b=2&a=1'));
    // Not JSON (a urlencoded form post): compared as sent.
    expect(hash('a=1&b=2')).not.toBe(hash('b=2&a=1'));
    expect(hash('{"a":"1"}')).not.toBe(hash('{"a":1}'));
  });
});

describe('If-Match and If-None-Match parsing (RFC 9110)', () => {
  const versions = (value: string) => ifMatchVersions({ 'if-match': value });

  it('keeps only strong versions: weak tags and foreign tags match nothing', () => {
    expect(versions('"3"')).toEqual([3]);
    expect(versions('3')).toEqual([3]);
    expect(versions('W/"3"')).toEqual([]);
    expect(versions('"3", W/"4" ,"5",, "3"')).toEqual([3, 5]);
    expect(versions('"a,b", "7"')).toEqual([7]);
    expect(versions('"abc"')).toEqual([]);
    expect(versions('*')).toBeUndefined();
    expect(ifMatchVersions({})).toBeUndefined();
  });

  it('refuses a malformed header with 400 at headers.if-match', () => {
    for (const bad of ['"3" "4"', '"3', 'W/', '3, 4', '', '"3"x'])
      expect(() => versions(bad), bad).toThrowError(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('compares If-None-Match weakly, and * matches any current representation', () => {
    const hit = (value: string) => noneMatchHits({ 'if-none-match': value }, '"3"');
    expect(hit('"3"')).toBe(true);
    expect(hit('W/"3"')).toBe(true);
    expect(hit('"1", "3"')).toBe(true);
    expect(hit('*')).toBe(true);
    expect(hit('"4"')).toBe(false);
    expect(hit('nonsense')).toBe(false);
    expect(noneMatchHits({}, '"3"')).toBe(false);
  });
});
