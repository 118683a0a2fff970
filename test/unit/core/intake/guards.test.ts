import { describe, expect, it } from 'vitest';
import { FORM_DEFAULTS, type Form } from '#core/intake/form';
import { checkOrigin, checkSize, hashIp, looksLikeSpam } from '#core/intake/guards';

const form = (allowedOrigins: string[]): Form => ({
  ...FORM_DEFAULTS,
  allowedOrigins,
  id: 'frm_1',
  name: 'F',
  provider: 'standard',
  version: 1,
  createdAt: '',
  updatedAt: '',
  secrets: [],
});
const code = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('intake guards', () => {
  it('lets browsers post only from listed origins; unsigned posts without an origin need a signature', () => {
    expect(code(() => checkOrigin(form(['https://a.example']), 'browser', 'https://a.example'))).toBe('ok');
    expect(code(() => checkOrigin(form(['https://a.example']), 'browser', 'https://b.example'))).toBe('FORBIDDEN');
    expect(code(() => checkOrigin(form([]), 'browser', 'https://a.example'))).toBe('FORBIDDEN');
    expect(code(() => checkOrigin(form([]), 'browser', undefined))).toBe('UNAUTHENTICATED');
    expect(code(() => checkOrigin(form([]), 'signed', undefined))).toBe('ok');
  });

  it('holds browser posts to 32 KB and signed ones to 256 KB', () => {
    expect(code(() => checkSize('browser', 32 * 1024))).toBe('ok');
    expect(code(() => checkSize('browser', 32 * 1024 + 1))).toBe('PAYLOAD_TOO_LARGE');
    expect(code(() => checkSize('signed', 256 * 1024))).toBe('ok');
    expect(code(() => checkSize('signed', 256 * 1024 + 1))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('quarantines text with three or more links, not fewer', () => {
    expect(looksLikeSpam({ a: 'see https://x.example and www.y.example' })).toBeUndefined();
    expect(looksLikeSpam({ a: 'http://1.example', b: ['https://2.example', 'www.3.example'] })).toMatch(/3 links/);
  });

  it('hashes client IPs per tenant', () => {
    expect(hashIp('ten_a', '1.2.3.4')).toBe(hashIp('ten_a', '1.2.3.4'));
    expect(hashIp('ten_a', '1.2.3.4')).not.toBe(hashIp('ten_b', '1.2.3.4'));
  });
});
