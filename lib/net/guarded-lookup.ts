import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress } from './address-policy';
import { StoreAddressForbiddenError } from './errors';

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type GuardOptions = {
  /** Lifts the guard: development, tests and the demo only (ALLOW_PRIVATE_STORE_URLS=true). */
  allowPrivate?: boolean;
  /** How host names become addresses; injectable so tests can make any name resolve anywhere. */
  resolver?: Resolver;
  /** Individual addresses the operator allows despite the policy (e.g. a test server standing in for a public host). */
  allowedAddresses?: readonly string[];
};

export const systemResolver: Resolver = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

export function privateStoreUrlsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ALLOW_PRIVATE_STORE_URLS === 'true' || env.ALLOW_PRIVATE_STORE_URLS === '1';
}

/** Every address of the host, each one checked; throws if any of them is not a public address. */
export async function resolvePublicAddresses(hostname: string, options: GuardOptions = {}): Promise<ResolvedAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  const addresses = family ? [{ address: bare, family: family as 4 | 6 }] : await (options.resolver ?? systemResolver)(bare);
  if (addresses.length === 0) throw Object.assign(new Error(`${hostname} has no addresses`), { code: 'ENOTFOUND', hostname });
  if (!(options.allowPrivate ?? privateStoreUrlsAllowed())) {
    for (const { address } of addresses) {
      const reason = options.allowedAddresses?.includes(address) ? null : classifyAddress(address);
      if (reason) throw new StoreAddressForbiddenError(bare, address, reason);
    }
  }
  return addresses;
}

/**
 * A `lookup` for sockets: the socket connects to exactly the addresses that were checked, so a DNS
 * answer that changes between the check and the connection (rebinding) cannot reach a private address.
 */
export function createGuardedLookup(options: GuardOptions = {}): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    const wantedFamily = typeof lookupOptions === 'number' ? lookupOptions : lookupOptions?.family;
    const wantsAll = typeof lookupOptions === 'object' && lookupOptions?.all === true;
    resolvePublicAddresses(hostname, options).then(
      (addresses) => {
        const family = wantedFamily === 4 || wantedFamily === 'IPv4' ? 4 : wantedFamily === 6 || wantedFamily === 'IPv6' ? 6 : 0;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) {
          callback(
            Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }) as NodeJS.ErrnoException,
            '',
            4,
          );
        } else if (wantsAll) {
          (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, usable);
        } else {
          callback(null, usable[0].address, usable[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
