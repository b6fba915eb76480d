import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { classifyAddress } from './address-policy';
import { StoreAddressForbiddenError } from './errors';
import { createGuardedLookup, privateStoreUrlsAllowed, type GuardOptions } from './guarded-lookup';

export type GuardedAgents = { httpAgent: http.Agent; httpsAgent: https.Agent };

type LiteralPolicy = { allowPrivate: boolean; allowedAddresses?: readonly string[] };
type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

/** Host names go through the guarded lookup; an IP literal skips DNS, so it is checked here instead. */
function literalAddressRefusal(host: string | null | undefined, policy: LiteralPolicy): StoreAddressForbiddenError | null {
  if (policy.allowPrivate || !host) return null;
  const bare = host.replace(/^\[|\]$/g, '');
  if (!isIP(bare) || policy.allowedAddresses?.includes(bare)) return null;
  const reason = classifyAddress(bare);
  return reason ? new StoreAddressForbiddenError(bare, bare, reason) : null;
}

function refusedLiteralAddress(options: http.ClientRequestArgs, policy: LiteralPolicy, callback?: ConnectionCallback): boolean {
  const refusal = literalAddressRefusal(options.host ?? options.hostname, policy);
  if (refusal) callback?.(refusal, undefined as never);
  return refusal !== null;
}

class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly policy: LiteralPolicy,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    if (refusedLiteralAddress(options, this.policy, callback)) return null;
    return super.createConnection(options, callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly policy: LiteralPolicy,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | null | undefined {
    if (refusedLiteralAddress(options, this.policy, callback)) return null;
    return super.createConnection(options, callback);
  }
}

/**
 * http and https agents for talking to merchants' stores: every resolved address is checked and the
 * socket is pinned to it. Pass them to any client (axios `httpAgent`/`httpsAgent`, node:http) — each
 * redirect hop opens a new connection through the same check. `trustedCa` replaces the system's
 * certificate authorities (a store behind a private CA, or a test server).
 */
export function createGuardedAgents(options: GuardOptions & { keepAlive?: boolean; trustedCa?: string | string[] } = {}): GuardedAgents {
  const allowPrivate = options.allowPrivate ?? privateStoreUrlsAllowed();
  const lookup = createGuardedLookup({ ...options, allowPrivate });
  const keepAlive = options.keepAlive ?? false;
  const policy = { allowPrivate, allowedAddresses: options.allowedAddresses };
  return {
    httpAgent: new GuardedHttpAgent(policy, { lookup, keepAlive }),
    httpsAgent: new GuardedHttpsAgent(policy, { lookup, keepAlive, ...(options.trustedCa ? { ca: options.trustedCa } : {}) }),
  };
}
