import { lookup } from 'node:dns/promises';
import type { HostResolver } from '#core/webhooks/ports';

/**
 * Every address the system resolver gives for a name, as the connection would see them (getaddrinfo,
 * /etc/hosts included): the delivery checks all of them, not only the first.
 */
export const dnsResolver: HostResolver = {
  async resolve(host) {
    try {
      const found = await lookup(host, { all: true, verbatim: true });
      return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    } catch (e) {
      // A name that does not exist resolves to nothing; the delivery refuses it as such.
      if ((e as NodeJS.ErrnoException).code === 'ENOTFOUND' || (e as NodeJS.ErrnoException).code === 'ENODATA')
        return [];
      throw e;
    }
  },
};
