/**
 * Which request headers say who the client is. Only a proxy the operator configured may be believed:
 * - `none`: `next start` faces the clients. Next.js writes the socket address into X-Forwarded-For when the
 *   request has no such header; we take its last entry. (A client that sends its own header picks that entry:
 *   per-address limits are then only as good as the client is honest, which is why production sits behind
 *   a proxy; per-account and per-workspace limits never depend on the address.)
 * - `vercel`: Vercel's edge overwrites `x-vercel-forwarded-for` and `x-real-ip` with the address it saw.
 * - a number N: N reverse proxies you run (nginx, Caddy, a load balancer) each append the address they saw
 *   to X-Forwarded-For; the client's is the N-th entry from the right. Entries further left came from the
 *   client and are ignored.
 */
export type TrustedProxy = { kind: 'none' } | { kind: 'vercel' } | { kind: 'hops'; hops: number };

export const TRUSTED_PROXY_HELP = 'TRUSTED_PROXY must be "none", "vercel" or the number of reverse proxies in front of the app (1, 2, …)';

export function parseTrustedProxy(value: string | undefined): TrustedProxy {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'none' || text === '0') return { kind: 'none' };
  if (text === 'vercel') return { kind: 'vercel' };
  if (/^[1-9]\d{0,1}$/.test(text)) return { kind: 'hops', hops: Number(text) };
  throw new Error(`${TRUSTED_PROXY_HELP}; got "${value}".`);
}

type HeaderSource = { get(name: string): string | null };

function forwardedEntries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The client's address as the configured proxy reports it; `unknown` when the headers say nothing. */
export function clientAddress(headers: HeaderSource, proxy: TrustedProxy): string {
  const forwarded = forwardedEntries(headers.get('x-forwarded-for'));
  if (proxy.kind === 'vercel') {
    return forwardedEntries(headers.get('x-vercel-forwarded-for'))[0] ?? headers.get('x-real-ip')?.trim() ?? forwarded.at(-1) ?? 'unknown';
  }
  if (proxy.kind === 'hops') return forwarded[Math.max(0, forwarded.length - proxy.hops)] ?? 'unknown';
  return forwarded.at(-1) ?? 'unknown';
}
