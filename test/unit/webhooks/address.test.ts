import { describe, expect, it } from 'vitest';
import { refusedAddress, RefusedTarget, resolveDeliveryTarget, urlProblem } from '#core/webhooks/address';
import type { HostResolver } from '#core/webhooks/ports';
import { dnsResolver } from '#store/webhooks/dns-resolver';

const off = { allowLoopbackHttp: false };
const on = { allowLoopbackHttp: true };

/** A resolver answering from a table: tests never ask DNS for names they invent, nor connect anywhere. */
const table = (answers: Record<string, string[]>): HostResolver => ({
  resolve: async (host) => (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
});

describe('subscription URLs as written', () => {
  it('accepts public https URLs, with any port, path and query', () => {
    for (const url of [
      'https://hooks.example.com/dossier',
      'https://hooks.example.com:8443/a?b=c',
      'https://93.184.216.34/x',
      'https://[2606:4700::1111]/x',
    ])
      expect(urlProblem(url, off), url).toBeUndefined();
  });

  it.each([
    ['not a URL', 'absolute URL'],
    ['/relative/path', 'absolute URL'],
    ['http://hooks.example.com/x', 'https'],
    ['ftp://hooks.example.com/x', 'https'],
    ['https://user:pw@hooks.example.com/x', 'credentials'],
    ['https://user@hooks.example.com/x', 'credentials'],
    [`https://hooks.example.com/${'a'.repeat(2000)}`, '2000 characters'],
    ['https://localhost/x', 'localhost'],
    ['https://LOCALHOST./x', 'localhost'],
    ['https://api.localhost/x', 'localhost'],
    ['http://127.0.0.1:8080/x', 'https'],
  ])('refuses %s (%s)', (url, says) => {
    expect(urlProblem(url, off)).toContain(says);
  });

  it.each([
    ['https://0.0.0.0/', 'unspecified'],
    ['https://10.1.2.3/', 'private'],
    ['https://100.64.0.1/', 'carrier-grade NAT'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://127.255.255.254/', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://172.16.0.1/', 'private'],
    ['https://172.31.255.255/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['https://198.18.0.1/', 'benchmarking'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://255.255.255.255/', 'reserved'],
    ['https://[::]/', 'unspecified'],
    ['https://[::1]/', 'loopback'],
    ['https://[fc00::1]/', 'unique local'],
    ['https://[fd12:3456::1]/', 'unique local'],
    ['https://[fe80::1]/', 'link-local'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:169.254.169.254]/', 'link-local'],
    ['https://[::ffff:a00:1]/', 'private'],
    // WHATWG URL parsing normalises these IPv4 forms before they are judged.
    ['https://2130706433/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://0xa9fea9fe/', 'link-local'],
    ['https://017700000001/', 'loopback'],
  ])('refuses the literal address in %s (%s)', (url, why) => {
    expect(urlProblem(url, off)).toContain(why);
  });

  it('keeps 172.15/172.32 and 100.63/100.128 (outside the private and CGNAT ranges)', () => {
    for (const ip of ['172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '198.20.0.1'])
      expect(refusedAddress(ip), ip).toBeUndefined();
  });

  it('allows http to loopback receivers only with the local flag, any port', () => {
    for (const url of ['http://127.0.0.1:43210/hook', 'http://localhost:8080/', 'http://[::1]:9000/x']) {
      expect(urlProblem(url, on), url).toBeUndefined();
      expect(urlProblem(url, off), url).toBeDefined();
    }
    // The flag opens loopback only: other private addresses and other names over http stay refused.
    expect(urlProblem('http://10.0.0.1/', on)).toContain('https');
    expect(urlProblem('http://hooks.example.com/', on)).toContain('https');
    expect(urlProblem('http://127.0.0.2/', on)).toContain('https');
  });
});

describe('the delivery-time check (DNS rebinding)', () => {
  it('refuses a name resolving to loopback with the flag off, through the system resolver', async () => {
    // `localhost.` comes from /etc/hosts: no network is asked, nothing is connected to.
    await expect(resolveDeliveryTarget('https://localhost./x', { ...off, resolver: dnsResolver })).rejects.toThrow(
      RefusedTarget,
    );
    const resolved = await dnsResolver.resolve('localhost');
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((a) => refusedAddress(a.address) === 'loopback')).toBe(true);
  });

  it('refuses a public name whose real DNS answer is loopback (a CNAME to localhost, as rebinding would)', async () => {
    // The name passes the save-time check; the system resolver's answer for it (localhost's) is what refuses it.
    const alias: HostResolver = {
      resolve: (host) => dnsResolver.resolve(host === 'receiver.example.com' ? 'localhost' : host),
    };
    const target = resolveDeliveryTarget('https://receiver.example.com/hook', { ...off, resolver: alias });
    await expect(target).rejects.toThrow(RefusedTarget);
    await expect(target).rejects.toThrow(/receiver\.example\.com resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it('refuses a public-looking name when ANY of its addresses is refused', async () => {
    const resolver = table({
      'rebind.example.com': ['93.184.216.34', '10.0.0.5'],
      'meta.example.com': ['169.254.169.254'],
      'v6.example.com': ['2606:4700::1111', 'fd00::1'],
      'mapped.example.com': ['::ffff:127.0.0.1'],
    });
    for (const host of ['rebind', 'meta', 'v6', 'mapped']) {
      const target = resolveDeliveryTarget(`https://${host}.example.com/hook`, { ...off, resolver });
      await expect(target, host).rejects.toThrow(RefusedTarget);
      await expect(target, host).rejects.toThrow(/resolves to/);
    }
  });

  it('refuses a name that resolves to nothing, and a URL that could not be saved', async () => {
    const resolver = table({});
    await expect(resolveDeliveryTarget('https://gone.example.com/', { ...off, resolver })).rejects.toThrow(
      /resolves to no address/,
    );
    await expect(resolveDeliveryTarget('http://hooks.example.com/', { ...off, resolver })).rejects.toThrow(/https/);
  });

  it('returns the first address of a name whose addresses are all public', async () => {
    const resolver = table({ 'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'] });
    const target = await resolveDeliveryTarget('https://hooks.example.com/x', { ...off, resolver });
    expect(target).toMatchObject({ address: '93.184.216.34', family: 4 });
    expect(target.url.pathname).toBe('/x');
  });

  it('lets the local runtime deliver to loopback receivers', async () => {
    const target = await resolveDeliveryTarget('http://localhost:4567/x', { ...on, resolver: dnsResolver });
    expect(refusedAddress(target.address)).toBe('loopback');
    await expect(
      resolveDeliveryTarget('http://127.0.0.1:4567/x', { ...on, resolver: table({}) }),
    ).resolves.toMatchObject({ address: '127.0.0.1' });
  });
});
